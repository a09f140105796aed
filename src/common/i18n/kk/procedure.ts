import type { procedure as en } from '../en/procedure';

export const procedure: typeof en = {
  hearingStart: {
    beforeStage1Closes: (p) =>
      `бірінші кезең аяқталғанға дейін (бірінші кезең ${p.closeDate} күнінің соңында жабылады; ең ерте рұқсат етілген күн ${p.first})`,
    afterLimit: (p) => `${p.limit} күндік шектен кейін (соңғы рұқсат етілген күн ${p.last})`,
    outsideHours: (p) => `жұмыс уақытынан тыс ${p.hours} (басталу уақыты ${p.start})`,
  },
};
