/** Texts of the plan and organization forms in two state languages (issue 15): draft edit, translations, admin translations. */
export const planTexts = {
  changeDraft: 'Change the draft',
  editTitle: 'Change the draft',
  editIntro:
    'Nobody but your organization sees the draft. Write the subject and the information in Kazakh and in Russian before publishing.',
  saveChanges: 'Save the changes',
  draftSaved: 'The draft is saved.',
  publishNeedsTranslations: 'Before publishing, add the missing translations.',
  publishRefused: 'The plan cannot be published yet: its title and description are needed in Kazakh and in Russian.',
  addTranslations: 'Add translations',
  translationsTitle: 'Translations',
  translationsIntro:
    'Add the languages still missing. A translation does not change what is already published, makes no new version and sends no e-mail.',
  translationsButton: 'Save the translations',
  translationsSaved: 'The translations are saved.',
  nothingMissing: 'Every text is already in Kazakh and Russian.',
  translationsOf: 'Translations: {name}',
  translationExists: 'This language is already there with another text. Changing a published text is a correction, not a translation.',
};
