import { SubmitTipoffInput, type TipoffOptions } from '../../../types';
import type { TipoffDraft } from '../../services/draft';

export type FieldErrors = Partial<
  Record<'categoryId' | 'description' | 'photos' | 'areaId' | 'address' | 'name' | 'phone' | 'form', string>
>;

/** Builds the submit payload from a draft and checks it with the same zod schema the server uses. */
export function buildSubmission(draft: TipoffDraft, options: TipoffOptions) {
  const area = options.areas.find((a) => a.id === draft.areaId);
  // Without a picked point the area's centre stands in, so the map still shows roughly where.
  const latitude = draft.latitude ?? area?.latitude ?? 0;
  const longitude = draft.longitude ?? area?.longitude ?? 0;
  const payload = {
    requestId: draft.requestId,
    categoryId: draft.categoryId,
    description: draft.description.trim(),
    photos: draft.photos,
    location: { latitude, longitude, address: draft.address.trim() },
    areaId: draft.areaId,
    anonymous: draft.anonymous,
    ...(draft.anonymous ? {} : { contact: { name: draft.name.trim(), phone: draft.phone.trim() } }),
    suspectedMajor: draft.suspectedMajor,
  };
  // The notice version is added when sending (the consent the person gave); the form checks the rest.
  const parsed = SubmitTipoffInput.safeParse({ ...payload, privacyVersion: 1 });
  if (parsed.success) return { payload, errors: {} as FieldErrors };
  return {
    payload,
    errors: fieldErrors(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))),
  };
}

/** What the form builds; `file` adds the privacy notice version agreed to. */
export type TipoffPayload = ReturnType<typeof buildSubmission>['payload'];

const FIELD_OF_PATH: Record<string, keyof FieldErrors> = {
  categoryId: 'categoryId',
  description: 'description',
  photos: 'photos',
  areaId: 'areaId',
  'location.address': 'address',
  // A point outside the town (位置不在庙行镇范围内) is said next to the location, where it can be fixed.
  'location.latitude': 'address',
  'location.longitude': 'address',
  contact: 'name',
  'contact.name': 'name',
  'contact.phone': 'phone',
};

/** Maps schema paths (client or server issues) onto the form's fields; the rest show above the button. */
export function fieldErrors(issues: { path: string; message: string }[]): FieldErrors {
  const out: FieldErrors = {};
  for (const { path, message } of issues) {
    const field = FIELD_OF_PATH[path] ?? 'form';
    out[field] ??= message;
  }
  return out;
}
