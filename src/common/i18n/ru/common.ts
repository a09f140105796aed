import type { common as en } from '../en/common';

export const common: typeof en = {
  emailFooter: 'Это письмо отправлено сервисом talqylau — общественного обсуждения закупок.',
};
