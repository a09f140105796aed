/**
 * The moderation decisions that changed what the public sees of a remark: a hide of a public remark
 * (a decision to hide on no appeal: hiding a hidden remark is refused), and a restore (a keep that
 * decides an appeal, which only a hidden remark has, or a keep on no appeal whose remark the previous
 * decision had hidden). A keep on a visible remark and a hide upheld on appeal change nothing public,
 * so open data never tells that the remark was reported, reviewed or appealed (moderation history is
 * staff-only). A condition on `d`, a row of moderation_decisions; the previous decision is read by
 * moderation_decisions_remark_idx.
 */
export const DECISION_CHANGED_PUBLIC_STATE_SQL = `(
  (d.action = 'hide' AND d.appeal_id IS NULL)
  OR (d.action = 'keep' AND (
    d.appeal_id IS NOT NULL
    OR (SELECT p.action FROM moderation_decisions p
         WHERE p.remark_id = d.remark_id AND (p.created_at, p.id) < (d.created_at, d.id)
         ORDER BY p.created_at DESC, p.id DESC LIMIT 1) = 'hide'
  ))
)`;
