import Taro from '@tarojs/taro';

/** The report form as the user left it: survives leaving the page, closing the app or a failed submit. */
export interface TipoffDraft {
  requestId: string;
  categoryId: string;
  description: string;
  areaId: string;
  address: string;
  latitude?: number;
  longitude?: number;
  anonymous: boolean;
  name: string;
  phone: string;
  suspectedMajor: boolean;
  /** fileIDs of photos already uploaded: a draft restored later does not upload them again. */
  photos: string[];
  /** The uploader's preview of each (what the upload answered); may have expired when the draft is restored. */
  photoPreviews: Record<string, string>;
}

const KEY = 'mx.draft.tipoff';

/** One id per report being written: a retry of the same draft is the same submission on the server. */
export function newRequestId(): string {
  const rand = Math.random().toString(36).slice(2, 12);
  return `r${Date.now().toString(36)}${rand}`;
}

export function emptyDraft(): TipoffDraft {
  return {
    requestId: newRequestId(),
    categoryId: '',
    description: '',
    areaId: '',
    address: '',
    anonymous: true,
    name: '',
    phone: '',
    suspectedMajor: false,
    photos: [],
    photoPreviews: {},
  };
}

export function loadDraft(): TipoffDraft {
  try {
    const saved = Taro.getStorageSync(KEY) as Partial<TipoffDraft> | '';
    if (saved && typeof saved === 'object' && saved.requestId) return { ...emptyDraft(), ...saved };
  } catch {
    // unreadable storage: start a fresh draft
  }
  return emptyDraft();
}

export function saveDraft(draft: TipoffDraft): void {
  try {
    Taro.setStorageSync(KEY, draft);
  } catch {
    // storage full or unavailable: the form still works, only the draft is not kept
  }
}

export function clearDraft(): void {
  try {
    Taro.removeStorageSync(KEY);
  } catch {
    // nothing to clear
  }
}
