-- No query looks cases up by label any more (the reply variant comes from label_counters), and
-- every index is one more page written with each case opened.
DROP INDEX IF EXISTS cases_chat_label;
