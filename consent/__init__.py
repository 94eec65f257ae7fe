"""42 CFR Part 2 consent: nothing about a person leaves Haven without a valid, unexpired,
unrevoked consent, labelled and audited. (Built by a later issue.)"""
