"""What an admin is asked to type next, kept with aiogram's FSM: the states, their storage, and
the rule that only private conversations and button presses have any."""
