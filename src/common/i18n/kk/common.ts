import type { common as en } from '../en/common';

export const common: typeof en = {
  emailFooter: 'Бұл хатты talqylau — сатып алуды қоғамдық талқылау қызметі жіберді.',
};
