import { Locale } from '../common/i18n/locale';
import { renderEmail, RenderedEmail } from '../notifications/email-layout';

const VERIFY: Record<Locale, { subject: string; intro: string; expiry: string; label: string; ignore: string }> = {
  kk: {
    subject: 'Электрондық пошта мекенжайын растаңыз',
    intro: 'talqylau қызметіне тіркелгеніңіз үшін рахмет. Ескертулер қалдыру үшін электрондық пошта мекенжайыңызды растаңыз.',
    expiry: 'Сілтеме 48 сағат жарамды және бір рет қолданылады.',
    label: 'Мекенжайды растау',
    ignore: 'Егер сіз тіркелмеген болсаңыз, бұл хатты елемеңіз.',
  },
  ru: {
    subject: 'Подтвердите адрес электронной почты',
    intro: 'Спасибо за регистрацию в talqylau. Чтобы оставлять замечания, подтвердите адрес электронной почты.',
    expiry: 'Ссылка действует 48 часов и только один раз.',
    label: 'Подтвердить адрес',
    ignore: 'Если вы не регистрировались, просто проигнорируйте это письмо.',
  },
  en: {
    subject: 'Confirm your e-mail address',
    intro: 'Thank you for registering with talqylau. To leave remarks, please confirm your e-mail address.',
    expiry: 'The link works for 48 hours and only once.',
    label: 'Confirm the address',
    ignore: 'If you did not register, simply ignore this message.',
  },
};

const RESET: Record<Locale, { subject: string; intro: string; expiry: string; label: string; ignore: string }> = {
  kk: {
    subject: 'Құпиясөзді қалпына келтіру',
    intro: 'talqylau тіркелгіңіздің құпиясөзін қалпына келтіру сұралды.',
    expiry: 'Сілтеме 1 сағат жарамды және бір рет қолданылады.',
    label: 'Жаңа құпиясөз орнату',
    ignore: 'Егер сіз сұрамаған болсаңыз, бұл хатты елемеңіз: құпиясөзіңіз өзгермейді.',
  },
  ru: {
    subject: 'Восстановление пароля',
    intro: 'Запрошено восстановление пароля вашей учётной записи talqylau.',
    expiry: 'Ссылка действует 1 час и только один раз.',
    label: 'Задать новый пароль',
    ignore: 'Если вы не запрашивали восстановление, проигнорируйте это письмо: пароль не изменится.',
  },
  en: {
    subject: 'Reset your password',
    intro: 'Someone asked to reset the password of your talqylau account.',
    expiry: 'The link works for 1 hour and only once.',
    label: 'Set a new password',
    ignore: 'If it was not you, ignore this message: your password stays the same.',
  },
};

const GREETING: Record<Locale, (name: string) => string> = {
  kk: (name) => `Сәлеметсіз бе, ${name}!`,
  ru: (name) => `Здравствуйте, ${name}!`,
  en: (name) => `Hello ${name},`,
};

export function verificationEmail(locale: Locale, displayName: string, url: string): RenderedEmail {
  const m = VERIFY[locale];
  return renderEmail({ locale, subject: m.subject, greeting: GREETING[locale](displayName), paragraphs: [m.intro, m.expiry, m.ignore], link: { label: m.label, url } });
}

export function passwordResetEmail(locale: Locale, displayName: string, url: string): RenderedEmail {
  const m = RESET[locale];
  return renderEmail({ locale, subject: m.subject, greeting: GREETING[locale](displayName), paragraphs: [m.intro, m.expiry, m.ignore], link: { label: m.label, url } });
}
