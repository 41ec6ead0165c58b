-- Number 010 belongs to the fsm branch (aiogram's FSM state in the database); this file only keeps
-- the numbers without a gap until that migration lands, and is replaced by it then. It does nothing.
SELECT 1;
