/**
 * The parts of OCDS 1.1 (with the Enquiry extension) that talqylau publishes. Texts in more than one
 * language carry language-suffixed copies beside the default (`title`, `title_kk`, `title_ru`, `title_en`).
 */
export type OcdsObject = { [field: string]: unknown };

export interface OcdsEnquiry extends OcdsObject {
  id: string;
}

export interface OcdsTender extends OcdsObject {
  id: string;
  enquiries?: OcdsEnquiry[];
}

export interface OcdsRelease extends OcdsObject {
  ocid: string;
  id: string;
  date: string;
  tag: string[];
  initiationType: 'tender';
  tender?: OcdsTender;
}

export interface OcdsReleasePackage {
  uri: string;
  version: '1.1';
  publishedDate: string;
  publisher: { name: string };
  extensions: string[];
  releases: OcdsRelease[];
  links?: { next?: string };
}

/** The Enquiry extension (questions and answers as `tender.enquiries`). */
export const ENQUIRY_EXTENSION_URL =
  'https://raw.githubusercontent.com/open-contracting-extensions/ocds_enquiry_extension/master/extension.json';

/** The Pagination extension (`links.next` of a package). */
export const PAGINATION_EXTENSION_URL =
  'https://raw.githubusercontent.com/open-contracting-extensions/ocds_pagination_extension/master/extension.json';
