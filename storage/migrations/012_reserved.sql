-- Reserved for the incidents migration (012), written on another branch: this empty file only keeps
-- the numbers without a gap here and is dropped when that one is merged.
SELECT 1;
