"""The domain: plain Python data and the ports the services need. No aiogram, no SQL, no pymorphy3."""
