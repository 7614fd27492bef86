from bookmaker.detect.note_like import ALONE, BEFORE_DIVIDER, note_score, split_glued_note


def test_a_note_to_the_reader_scores_high():
    note = "Thanks so much for all the reviews! I hope you enjoy this chapter, please let me know what you think."
    assert note_score(note) >= ALONE


def test_a_short_unlabelled_note_scores_enough_before_a_divider():
    note = "Sorry this took so long, I promise the next one will be updated faster!"
    assert note_score(note) >= BEFORE_DIVIDER


def test_narration_scores_low():
    assert note_score("It was dark in the room, only the flickering of the television donated a scanty light.") == 0
    assert note_score("She walked to the window and looked out at the rain.") < BEFORE_DIVIDER


def test_glued_note_is_split_at_the_missing_space():
    text = "Yes i posted 2 stories in one day. been working like crazy to get them ready.Spike watched as Buffy left."
    assert split_glued_note(text) == (
        "Yes i posted 2 stories in one day. been working like crazy to get them ready.",
        "Spike watched as Buffy left.",
    )


def test_glued_note_from_another_story():
    text = "Sorry for the late update, hope you like this chapter!The rain had not stopped for three days."
    assert split_glued_note(text)[1] == "The rain had not stopped for three days."


def test_a_missing_space_in_narration_is_not_a_note():
    assert split_glued_note("He looked at the clock.It was midnight and the house was quiet.") is None
