import { LocalizedText } from '../common/i18n/localized-text';
import type { Locale } from '../common/i18n/locale';
import type { ProcurementMethod } from '../plans/plan.entity';

/**
 * A published text of the demo in its versions. Organizers, councils and the administrator publish
 * in Kazakh and Russian (English for some); a few texts are on purpose in one language only, so that
 * the pages' note on a text shown in the other language can be seen.
 */
export type DemoText = Partial<Record<Locale, string>>;

/** The stored form of a demo text. */
export function demoText(versions: DemoText): LocalizedText {
  const text = LocalizedText.of(versions);
  if (!text) throw new Error('demo data: a text without any version');
  return text;
}

/** A demo plan as the organizer wrote it. */
export interface DemoPlanText {
  title: DemoText;
  description: DemoText;
  subjectCode: string;
  amount: number;
  method: ProcurementMethod;
  plannedQuarter: string;
  deliveryPlace: DemoText;
}

/** Without English: an English page shows the Russian version, marked, with the note. */
export const SCHOOL_MEALS: DemoPlanText = {
  title: {
    kk: 'Алмалы ауданының 12 мектебінде оқушыларды ыстық тамақпен қамтамасыз ету',
    ru: 'Школьное питание для 12 школ Алмалинского района',
  },
  description: {
    kk: '12 мектептің 1–4-сынып оқушыларына ыстық тамақ.\nӘр оқу күні жеткізіледі, мәзір санитариялық қызметпен келісілген.',
    ru: 'Горячее питание для учащихся 1-4 классов 12 школ.\nПоставка каждый учебный день, меню согласовано с санитарной службой.',
  },
  subjectCode: '561019.000.000000',
  amount: 125_000_000,
  method: 'open_tender',
  plannedQuarter: '2027-Q2',
  deliveryPlace: { kk: 'Алматы қ., Алмалы ауданы', ru: 'Алматы, Алмалинский район' },
};

export const ULTRASOUND: DemoPlanText = {
  title: {
    kk: 'Аудандық ауруханаларға УДЗ аппараттарын сатып алу',
    ru: 'Закуп аппаратов УЗИ для районных больниц',
    en: 'Ultrasound machines for district hospitals',
  },
  description: {
    kk: 'Сараптамалық класты бес ультрадыбыстық диагностика аппараты, персоналды оқытуымен бірге.',
    ru: 'Пять аппаратов ультразвуковой диагностики экспертного класса с обучением персонала.',
  },
  subjectCode: '266012.300.000001',
  amount: 310_000_000,
  method: 'open_tender',
  plannedQuarter: '2027-Q3',
  deliveryPlace: { kk: 'Қарағанды облысы', ru: 'Карагандинская область', en: 'Karaganda region' },
};

export const ROADS: DemoPlanText = {
  title: {
    kk: 'Айнабұлақ шағын ауданындағы жолдарды жөндеу',
    ru: 'Ремонт дорог в микрорайоне Айнабулак',
    en: 'Road repair in Ainabulak microdistrict',
  },
  description: {
    kk: 'Жиектастар мен жарықтандыруды ауыстыра отырып, кварталішілік жолдардың 4,2 км-ін орташа жөндеу.',
    ru: 'Средний ремонт 4,2 км внутриквартальных дорог с заменой бордюров и освещения.',
  },
  subjectCode: '421110.900.000000',
  amount: 840_000_000,
  method: 'open_tender',
  plannedQuarter: '2027-Q2',
  deliveryPlace: { kk: 'Алматы қ., Жетісу ауданы', ru: 'Алматы, Жетысуский район' },
};

export const MEDICINES: DemoPlanText = {
  title: {
    kk: 'Онкологиялық диспансерге арналған дәрілік заттар',
    ru: 'Лекарственные средства для онкологического диспансера',
    en: 'Medicines for the oncology dispensary',
  },
  description: {
    kk: 'Екінші жартыжылдыққа ТМККК тізбесі бойынша ісікке қарсы препараттар.',
    ru: 'Противоопухолевые препараты по перечню ГОБМП на второе полугодие.',
  },
  subjectCode: '212012.000.000010',
  amount: 1_250_000_000,
  method: 'open_tender',
  plannedQuarter: '2027-Q3',
  deliveryPlace: { kk: 'Қарағанды қ., Пичугин көшесі, 6', ru: 'Караганда, ул. Пичугина 6', en: 'Karaganda, 6 Pichugin Street' },
};

export const GREENING: DemoPlanText = {
  title: {
    kk: 'Абай көшесіндегі скверді көгалдандыру',
    ru: 'Озеленение сквера на улице Абая',
    en: 'Greening of the square on Abay Street',
  },
  description: {
    kk: '320 ағаш отырғызу және тамшылатып суару жүйесін орнату.',
    ru: 'Посадка 320 деревьев и устройство системы капельного полива.',
    en: 'Planting 320 trees and installing drip irrigation.',
  },
  subjectCode: '813010.000.000000',
  amount: 96_000_000,
  method: 'auction',
  plannedQuarter: '2027-Q1',
  deliveryPlace: { kk: 'Алматы қ., Абай көшесі', ru: 'Алматы, ул. Абая', en: 'Almaty, Abay Street' },
};

/** The council's positions on the greening plan and their recommendations, by position index. */
export const GREENING_REVIEW = {
  positions: [
    { kk: 'Ағаштардың күтімін кепілдік мерзіміне енгізу керек.', ru: 'Уход за деревьями нужно включить в гарантийный срок.' },
    { kk: 'Ағаштарды екі жыл бойы күтуді қарастыру керек.', ru: 'Предусмотреть уход за деревьями в течение двух лет.' },
  ],
  recommendations: {
    0: [
      {
        kk: 'Кепілдік мерзімінде ағаштарды күтуді шартқа енгізу.',
        ru: 'Включить в договор уход за деревьями в течение гарантийного срока.',
      },
    ],
    1: [{ kk: 'Отырғызылған ағаштарды екі жыл күтуді шартқа енгізу.', ru: 'Включить двухлетний уход за посадками в договор.' }],
  },
  /** The organizer's correction of the answer on watering, which the council found formal. */
  correction: {
    kk: 'Екі жылдық кепілдік мерзімі ішінде суаруды мердігер өз есебінен орындайды (шарт жобасының 7.2-тармағы); оның құны, шамамен 4,1 млн теңге, шарт бағасына кіреді.',
    ru: 'Полив в течение двух гарантийных лет выполняет подрядчик за свой счёт (пункт 7.2 проекта договора); его стоимость, около 4,1 млн тенге, входит в цену договора.',
    en: 'During the two warranty years the contractor waters the trees at its own expense (clause 7.2 of the draft contract); the cost, about 4.1 million tenge, is included in the contract price.',
  },
  correctionReason: {
    kk: 'Қоғамдық кеңес алғашқы жауапты формальды деп таныды.',
    ru: 'Общественный совет признал первый ответ формальным.',
  },
  outcome: {
    kk: 'Құжаттама өзгертілді: ағаш түрлері туралы ескертулер ескерілді; сатып алу жүргізіледі.',
    ru: 'Документация изменена: учтены замечания о породах деревьев; закупка проводится.',
    en: 'The documentation was amended to take the remarks on tree species into account; the procurement goes ahead.',
  },
} satisfies {
  positions: DemoText[];
  recommendations: Record<number, DemoText[]>;
  correction: DemoText;
  correctionReason: DemoText;
  outcome: DemoText;
};

/** The council's positions on the medicines plan (one only in Kazakh, as its member wrote it) and the recommendation. */
export const MEDICINES_REVIEW = {
  positions: [
    { kk: 'Хаттама толық, қатысушылардың ескертулері көрсетілген.', ru: 'Протокол полный, замечания участников отражены.' },
    {
      kk: 'Препараттар топтары бойынша лоттарға бөлінген жағдайда мақұлдаймын.',
      ru: 'Одобряю при условии разбивки на лоты по группам препаратов.',
    },
    { kk: 'Хаттама толық.' },
  ],
  recommendations: {
    1: [{ kk: 'Сатып алуды фармакологиялық топтар бойынша лоттарға бөлу.', ru: 'Разделить закупку на лоты по фармакологическим группам.' }],
  },
} satisfies { positions: DemoText[]; recommendations: Record<number, DemoText[]> };
