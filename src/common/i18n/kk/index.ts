import { common } from './common';
import { errors } from './errors';
import { identity } from './identity';
import { calendar } from './calendar';
import { procedure } from './procedure';
import { plans } from './plans';
import { remarks } from './remarks';
import { hearings } from './hearings';
import { reviews } from './reviews';
import { documentation } from './documentation';
import { outcomes } from './outcomes';
import { scheduler } from './scheduler';
import { pages } from './pages';
import { verdicts } from './verdicts';
import { councilCheck } from './council-check';
import { commitments } from './commitments';
import { moderation } from './moderation';
import { unsubscribe } from './unsubscribe';
import { planImport } from './plan-import';
import { feeds } from './feeds';
import { openData } from './open-data';

import type { Catalogue } from '../catalogue-shape';

export const kk: Catalogue = {
  common,
  errors,
  identity,
  calendar,
  procedure,
  plans,
  remarks,
  hearings,
  reviews,
  documentation,
  outcomes,
  scheduler,
  pages,
  verdicts,
  councilCheck,
  commitments,
  moderation,
  unsubscribe,
  planImport,
  feeds,
  openData,
};
