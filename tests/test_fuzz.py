"""A bounded fuzz campaign (fuzz/campaign.py): mutated and random text, Markdown and Word
structure, odd file names under every output format, config fuzz; no input may raise,
hang or print a traceback."""

import sys

from conftest import ROOT


def test_a_bounded_fuzz_campaign_finds_no_crash_and_no_hang():
    sys.path.insert(0, str(ROOT / "fuzz"))
    from campaign import Campaign

    campaign = Campaign().run(seconds=20, seed=0, min_rounds=20)
    assert campaign.tried > 40
    assert not campaign.crashes and not campaign.hangs, campaign.summary()
