"""How findings are made cheaply: a message formatted once per distinct set of values and
shared, never shared between values that format differently."""

from linter.rule import Text


def test_a_message_is_formatted_once_per_distinct_values():
    message = Text("“{left}”和“{right}”之间有多余空格", "stray space between “{left}” and “{right}”")
    first = message.format(left="2", right="年")
    assert first == Text("“2”和“年”之间有多余空格", "stray space between “2” and “年”")
    assert message.format(left="2", right="年") is first
    assert message.format(left="5", right="年") == Text("“5”和“年”之间有多余空格", "stray space between “5” and “年”")


def test_values_that_are_equal_but_format_differently_are_not_confused():
    count = Text("共{n}处", "{n} places")
    assert count.format(n=1).en == "1 places"
    assert count.format(n=True).en == "True places"
    assert count.format(n=1.0).en == "1.0 places"
    assert count.format(n=0.0).en == "0.0 places" and count.format(n=-0.0).en == "-0.0 places"
    assert count.format(n=[1]).en == "[1] places"  # not hashable: formatted, not remembered


def test_a_text_without_placeholders_is_its_own_format():
    help = Text("删除空格", "remove the space")
    assert help.format(left="2") is help
