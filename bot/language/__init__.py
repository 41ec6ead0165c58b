"""Language tools shared by the classifier and reply drafting (pymorphy3)."""
