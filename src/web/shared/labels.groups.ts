import { PARAMETER_GROUPS } from '../../server/modules/catalog/catalog.enums.js';
import { PARAMETER_GROUP_NAMES } from '../../server/modules/catalog/model.contract.js';

/** The parameter sheet's group names in one language, for the labels tables. */
export const groupNames = (lang: 'zh' | 'en') =>
  Object.fromEntries(PARAMETER_GROUPS.map((g) => [g, PARAMETER_GROUP_NAMES[g][lang]])) as Record<
    (typeof PARAMETER_GROUPS)[number],
    string
  >;
