import industries from '../../config/town/industries.json';

/** An industry of the town's list as the forms offer it. */
export interface IndustryOption {
  id: string;
  name: string;
  highRisk: boolean;
}

/** The town's industry list (config/town/industries.json: names and the high-risk default). */
export const INDUSTRIES: IndustryOption[] = (industries as { id: string; name: string; highRisk: boolean }[]).map(
  ({ id, name, highRisk }) => ({ id, name, highRisk }),
);
