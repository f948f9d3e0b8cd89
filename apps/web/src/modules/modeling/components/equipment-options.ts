import type { TFunction } from 'i18next';
import { ENERGY_MEDIA, EQUIPMENT_CATEGORIES, EQUIPMENT_STATUSES } from '@greenmes/contracts';

export const categoryOptions = (t: TFunction) =>
  EQUIPMENT_CATEGORIES.map((value) => ({ value, label: t(`equipment.category.${value}`) }));
export const statusOptions = (t: TFunction) =>
  EQUIPMENT_STATUSES.map((value) => ({ value, label: t(`equipment.status.${value}`) }));
export const energyMediumOptions = (t: TFunction) =>
  ENERGY_MEDIA.map((value) => ({ value, label: t(`energyMedium.${value}`) }));
