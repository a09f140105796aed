import { Localized } from '../i18n/locale';

/**
 * Every error the API returns: a stable code, its HTTP status, and the message in kk/ru/en.
 * Messages may hold {placeholders} filled from the error's params.
 */
export const ERRORS = {
  VALIDATION_FAILED: { status: 400, en: 'Some fields are invalid: {details}', ru: 'Некоторые поля заполнены неверно: {details}', kk: 'Кейбір өрістер қате толтырылған: {details}' },
  MALFORMED_JSON: { status: 400, en: 'The request body is not valid JSON.', ru: 'Тело запроса не является корректным JSON.', kk: 'Сұраныс денесі дұрыс JSON емес.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, en: 'This content type is not supported.', ru: 'Этот тип содержимого не поддерживается.', kk: 'Бұл мазмұн түріне қолдау көрсетілмейді.' },
  PAYLOAD_TOO_LARGE: { status: 413, en: 'The request is too large.', ru: 'Запрос слишком большой.', kk: 'Сұраныс тым үлкен.' },
  HEADERS_TOO_LARGE: { status: 431, en: 'The request headers or address are too long.', ru: 'Заголовки или адрес запроса слишком длинные.', kk: 'Сұраныстың тақырыптары немесе мекенжайы тым ұзын.' },
  MALFORMED_REQUEST: { status: 400, en: 'The request is not valid HTTP.', ru: 'Запрос не является корректным HTTP-запросом.', kk: 'Сұраныс дұрыс HTTP сұранысы емес.' },
  REQUEST_TIMEOUT: { status: 408, en: 'The request took too long to arrive.', ru: 'Запрос передавался слишком долго.', kk: 'Сұраныс тым ұзақ жіберілді.' },
  NOT_FOUND: { status: 404, en: 'Not found.', ru: 'Не найдено.', kk: 'Табылмады.' },
  UNAUTHENTICATED: { status: 401, en: 'Please sign in.', ru: 'Пожалуйста, войдите в систему.', kk: 'Жүйеге кіріңіз.' },
  FORBIDDEN: { status: 403, en: 'You are not allowed to do this.', ru: 'У вас нет прав на это действие.', kk: 'Бұл әрекетке сізде құқық жоқ.' },
  RATE_LIMITED: { status: 429, en: 'Too many attempts. Please try again later.', ru: 'Слишком много попыток. Повторите позже.', kk: 'Әрекеттер тым көп. Кейінірек қайталаңыз.' },
  INTERNAL: { status: 500, en: 'Something went wrong on our side. Nothing was saved; please try again.', ru: 'На нашей стороне произошла ошибка. Ничего не сохранено; повторите попытку.', kk: 'Біз жақта қате болды. Ештеңе сақталмады; қайталап көріңіз.' },
  SERVICE_UNAVAILABLE: { status: 503, en: 'The service is temporarily unavailable. Please try again shortly.', ru: 'Сервис временно недоступен. Повторите попытку чуть позже.', kk: 'Қызмет уақытша қолжетімсіз. Сәл кейінірек қайталаңыз.' },
  CSRF_INVALID: { status: 403, en: 'The form has expired. Please reload the page and try again.', ru: 'Срок действия формы истёк. Обновите страницу и повторите.', kk: 'Форманың мерзімі өтті. Бетті жаңартып, қайталаңыз.' },

  EMAIL_TAKEN: { status: 409, en: 'An account with this e-mail address already exists.', ru: 'Учётная запись с этим адресом электронной почты уже существует.', kk: 'Бұл электрондық пошта мекенжайымен тіркелгі бар.' },
  INVALID_CREDENTIALS: { status: 401, en: 'Wrong e-mail address or password.', ru: 'Неверный адрес электронной почты или пароль.', kk: 'Электрондық пошта мекенжайы немесе құпиясөз қате.' },
  WEAK_PASSWORD: { status: 400, en: 'The password must be 10 to 128 characters long and not a common one.', ru: 'Пароль должен содержать от 10 до 128 символов и не быть распространённым.', kk: 'Құпиясөз 10-нан 128 таңбаға дейін болуы және кең таралған болмауы керек.' },
  TOKEN_INVALID: { status: 400, en: 'This link is invalid or has already been used.', ru: 'Ссылка недействительна или уже использована.', kk: 'Сілтеме жарамсыз немесе бұрын қолданылған.' },
  TOKEN_EXPIRED: { status: 400, en: 'This link has expired. Please request a new one.', ru: 'Срок действия ссылки истёк. Запросите новую.', kk: 'Сілтеменің мерзімі өтті. Жаңасын сұраңыз.' },
  EMAIL_NOT_VERIFIED: { status: 403, en: 'Please confirm your e-mail address first.', ru: 'Сначала подтвердите адрес электронной почты.', kk: 'Алдымен электрондық пошта мекенжайын растаңыз.' },
  INVALID_BIN: { status: 400, en: 'The BIN must be 12 digits with a valid check digit.', ru: 'БИН должен состоять из 12 цифр с верной контрольной цифрой.', kk: 'БСН дұрыс бақылау цифрымен 12 цифрдан тұруы керек.' },
  BIN_TAKEN: { status: 409, en: 'An organization with this BIN already exists.', ru: 'Организация с этим БИН уже существует.', kk: 'Бұл БСН-мен ұйым бар.' },
  INVALID_TIME_ZONE: { status: 400, en: 'Unknown time zone.', ru: 'Неизвестный часовой пояс.', kk: 'Белгісіз уақыт белдеуі.' },
  COUNCIL_NOT_FOUND: { status: 404, en: 'Public council not found.', ru: 'Общественный совет не найден.', kk: 'Қоғамдық кеңес табылмады.' },
  ORGANIZATION_NOT_FOUND: { status: 404, en: 'Organizer not found.', ru: 'Организатор не найден.', kk: 'Ұйымдастырушы табылмады.' },
  ROLE_MISMATCH: { status: 400, en: 'This role needs {field}.', ru: 'Для этой роли нужно указать {field}.', kk: 'Бұл рөл үшін {field} көрсету керек.' },
  CHAIR_EXISTS: { status: 409, en: 'This council already has a chair.', ru: 'У этого совета уже есть председатель.', kk: 'Бұл кеңестің төрағасы бар.' },

  PLAN_NOT_FOUND: { status: 404, en: 'Procurement plan item not found.', ru: 'Позиция плана закупок не найдена.', kk: 'Сатып алу жоспарының позициясы табылмады.' },
  PLAN_NOT_DRAFT: { status: 409, en: 'Only a draft can be changed or published.', ru: 'Изменить или опубликовать можно только черновик.', kk: 'Тек жобаны өзгертуге немесе жариялауға болады.' },
  WINDOW_CLOSED: { status: 409, en: 'Remarks are not being accepted now: {detail}', ru: 'Замечания сейчас не принимаются: {detail}', kk: 'Ескертулер қазір қабылданбайды: {detail}' },
  REMARK_NOT_FOUND: { status: 404, en: 'Remark not found.', ru: 'Замечание не найдено.', kk: 'Ескерту табылмады.' },
  ALREADY_ANSWERED: { status: 409, en: 'This remark already has an answer. Publish a correction instead.', ru: 'На это замечание уже дан ответ. Опубликуйте исправление.', kk: 'Бұл ескертуге жауап берілген. Түзетуді жариялаңыз.' },
  NOT_ANSWERED: { status: 409, en: 'This remark has no answer yet.', ru: 'На это замечание ещё нет ответа.', kk: 'Бұл ескертуге әлі жауап жоқ.' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, en: 'This Idempotency-Key was already used for a different request.', ru: 'Этот Idempotency-Key уже использован для другого запроса.', kk: 'Бұл Idempotency-Key басқа сұраныс үшін қолданылған.' },
  DISCUSSION_CLOSED: { status: 409, en: 'The discussion is closed.', ru: 'Обсуждение завершено.', kk: 'Талқылау аяқталды.' },

  HEARING_DATE_NOT_ALLOWED: { status: 422, en: 'The hearing cannot be held then: {reason}', ru: 'Слушания нельзя провести в это время: {reason}', kk: 'Тыңдауларды бұл уақытта өткізуге болмайды: {reason}' },
  STAGE1_NOT_CLOSED: { status: 409, en: 'Stage one is still open.', ru: 'Первый этап ещё не завершён.', kk: 'Бірінші кезең әлі аяқталған жоқ.' },
  HEARING_NOT_SCHEDULED: { status: 409, en: 'No hearing is scheduled.', ru: 'Слушания не назначены.', kk: 'Тыңдаулар тағайындалмаған.' },
  HEARING_ALREADY_HELD: { status: 409, en: 'The hearing has already taken place.', ru: 'Слушания уже состоялись.', kk: 'Тыңдаулар өтіп кетті.' },
  HEARING_NOT_HELD: { status: 409, en: 'The hearing has not taken place yet.', ru: 'Слушания ещё не состоялись.', kk: 'Тыңдаулар әлі өткен жоқ.' },
  PROTOCOL_EXISTS: { status: 409, en: 'The protocol is already published. Publish a correction instead.', ru: 'Протокол уже опубликован. Опубликуйте исправление.', kk: 'Хаттама жарияланған. Түзетуді жариялаңыз.' },
  PROTOCOL_NOT_PUBLISHED: { status: 409, en: 'The hearing protocol is not published yet.', ru: 'Протокол слушаний ещё не опубликован.', kk: 'Тыңдаулар хаттамасы әлі жарияланған жоқ.' },

  NOT_COUNCIL_MEMBER: { status: 403, en: 'Only members of the overseeing public council can do this.', ru: 'Это могут делать только члены курирующего общественного совета.', kk: 'Мұны тек қадағалаушы қоғамдық кеңес мүшелері жасай алады.' },
  NOT_CHAIR: { status: 403, en: 'Only the council chair can do this.', ru: 'Это может сделать только председатель совета.', kk: 'Мұны тек кеңес төрағасы жасай алады.' },
  POSITION_EXISTS: { status: 409, en: 'You have already recorded your position.', ru: 'Вы уже записали свою позицию.', kk: 'Сіз өз ұстанымыңызды жазып қойдыңыз.' },
  REVIEW_CLOSED: { status: 409, en: 'The council review is closed.', ru: 'Рассмотрение советом завершено.', kk: 'Кеңестің қарауы аяқталды.' },
  RECOMMENDATION_NOT_FOUND: { status: 404, en: 'Recommendation not found.', ru: 'Рекомендация не найдена.', kk: 'Ұсыным табылмады.' },
  ALREADY_RESPONDED: { status: 409, en: 'This recommendation already has a response.', ru: 'На эту рекомендацию уже дан ответ.', kk: 'Бұл ұсынымға жауап берілген.' },
  NOTICE_NOT_PUBLISHED: { status: 409, en: 'The procurement notice is not published yet.', ru: 'Извещение о закупке ещё не опубликовано.', kk: 'Сатып алу туралы хабарлама әлі жарияланған жоқ.' },
  NOTICE_EXISTS: { status: 409, en: 'The procurement notice is already published.', ru: 'Извещение о закупке уже опубликовано.', kk: 'Хабарлама жарияланған.' },
  STAGE2_NOT_CLOSED: { status: 409, en: 'Stage two is not over yet.', ru: 'Второй этап ещё не завершён.', kk: 'Екінші кезең әлі аяқталған жоқ.' },
  UNANSWERED_REMARKS: { status: 409, en: '{count} remark(s) still have no answer.', ru: 'Без ответа остаются замечания: {count}.', kk: 'Жауапсыз ескертулер саны: {count}.' },
  NOT_RESPONDED: { status: 409, en: 'This recommendation has no response yet.', ru: 'На эту рекомендацию ещё нет ответа.', kk: 'Бұл ұсынымға әлі жауап жоқ.' },
  OUTCOME_NOT_PUBLISHED: { status: 409, en: 'The outcome is not published yet.', ru: 'Итог ещё не опубликован.', kk: 'Қорытынды нәтиже әлі жарияланған жоқ.' },
  OUTCOME_EXISTS: { status: 409, en: 'The outcome is already published.', ru: 'Итог уже опубликован.', kk: 'Қорытынды нәтиже жарияланған.' },
} satisfies Record<string, { status: number } & Localized>;

export type ErrorCode = keyof typeof ERRORS;
