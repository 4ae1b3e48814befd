"""English handoff rules (handoffs/english.py, english_forms.py, english_elsewhere.py).

Found: transferred, passed around, bounced, put through, sent or referred, escalated,
repeating the story, nobody owns it; verbs of moving with particles, another team, desk or
person reached, one then the next, lost in the handover; sent elsewhere, another unit's job,
two parties blaming each other (ping-pong). Left alone: "not", "never", "without", "didn't",
"refused to" before the cue or further back in its clause, a handoff expected or offered and
not needed, the customer's own act, the words' other senses (money, flights, prices, shops,
screens). Sentences written for these tests, not from any bench set.
"""

from __future__ import annotations

import pytest

from cxcore.text.handoffs import detect, detect_handoff
from cxcore.text.handoffs.detect import fold_comment
from tests.cxcore.text.handoff_checks import assert_first_look_keeps, assert_rules_read

# Found, with this word among the words that show it.
FOUND = [
    ("They transferred me three times", "transferred me"),
    ("I had to repeat my story every time", "repeat my story"),
    ("my complaint was escalated to a supervisor", "complaint was escalated"),
    ("the bot finally handed me over to a human", "handed me over"),
    # transferred, passed around, bounced, put through, sent/referred, escalated, repeating
    # the story, nobody owns it
    ("Transferred 3x and still no answer", "transferred 3x"),
    ("I was put on hold and transferred", "and transferred"),
    ("got passed around like a hot potato", "hot potato"),
    ("Bounced between three departments in one call", "bounced between"),
    ("The agent put me through to someone else", "put me through to"),
    ("The branch referred me to head office", "referred me to"),
    ("They forwarded my card issue to head office", "forwarded my card issue to"),
    ("They escalated my ticket to tier 2", "escalated my ticket to"),
    ("they just send you to another department", "they just send you to"),
    ("I had to repeat my issue to every agent", "repeat my issue"),
    ("Spoke to five different people about one bill", "spoke to five different people"),
    ("Nobody owns the problem", "nobody owns"),
    ("Billing and tech blame each other", "blame each other"),
    ("Chatbot couldn't help so it connected me to a real person", "connected me to"),
    (
        "customer service > billing > tech > customer service. unreal",
        "customer service > billing > tech",
    ),
    ("The first person couldn't help and passed me on", "passed me on"),
    (
        "The helpline said only the airport desk can change it",
        "said only the airport desk can",
    ),
]


@pytest.mark.parametrize(("comment", "word"), FOUND)
def test_a_handoff_is_found_with_the_words_that_show_it(comment, word):
    found, words = detect_handoff(comment)
    assert found, comment
    assert word in words


# Found, with a word that holds this part: -ing forms, "took over", told to go in person or
# phone instead, "a billing issue", many agents on one call, every one of them, shuffling a
# case, transferred again, two clauses blaming each other.
FOUND_WITHIN_WORDS = [
    ("She was connecting me to the returns team when the line dropped", "connecting me to"),
    ("A supervisor took over the call and fixed it", "supervisor took over"),
    ("The app chat told me to ring instead", "told me to ring"),
    ("They said I must go in person to a branch", "said i must go in"),
    ("The rep said it's a billing issue and I should call them", "said it s a billing issue"),
    ("Four agents for one simple question", "four agents for one simple question"),
    ("each one of them asked for my postcode", "each one of them asked"),
    ("they kept bouncing my ticket between teams", "bouncing my ticket between"),
    ("Put on hold, transferred again, hung up on", "transferred again"),
    ("Billing says it's tech, tech says it's billing", "billing says it s tech"),
    ("The shop sent me to the bank and the bank sent me back to the shop", "sent me to"),
    ("Your staff kept handing me over to someone else", "handing me over"),
    ("After being escalated, a specialist called me back", "being escalated"),
    (
        "Tech support says it's a billing problem, billing says it's a tech problem",
        "tech support says",
    ),
]


@pytest.mark.parametrize(("comment", "word"), FOUND_WITHIN_WORDS)
def test_a_handoff_is_found_and_a_word_holds_this_part(comment, word):
    found, words = detect_handoff(comment)
    assert found, comment
    assert any(word in w for w in words), (comment, words)


# Found by the rules alone, with a word holding this part where one is given: put on to a
# different department, lost between departments, another number, moved between teams, the
# same verb said over and over, each sending to the other; the agent's words of passing on.
RULES_FIND = [
    ("Put on to a different department twice", "put on to a different department"),
    ("The case got lost between two departments", "between two departments"),
    ("I was given another number to ring", "given another number"),
    ("My refund request kept moving between teams", "kept moving between teams"),
    ("They moved me from sales to support to billing in one call", "moved me from sales to"),
    ("Escalated, escalated, nobody replied", None),
    ("Passed on, passed on, and passed on again", "passed on, passed on"),
    ("Shop says talk to the maker, maker says talk to the shop", "shop says"),
    ("You'll need to speak to our claims team, she said, and transferred me.", None),
]


@pytest.mark.parametrize(("comment", "word"), RULES_FIND)
def test_the_rules_alone_find_it(comment, word):
    found, words = detect_handoff(comment, learned=False)
    assert found, comment
    if word is not None:
        assert any(word in w for w in words), (comment, words)


# Found by the rules alone (english_forms.py), by words that stand in the comment; the
# negated twin, where one is given, is no handoff.
FORMS = [
    # verbs of moving with particles, and a unit after them
    ("The agent threw me over to billing", "The agent never threw me over to billing"),
    ("They dumped me on the technical team", "They did not dump me on the technical team"),
    ("I was bumped up to a supervisor", "I was not bumped up to a supervisor"),
    ("Fobbed off onto the courier", "They did not once fob me off onto the courier"),
    ("Somebody kicked my claim over to the loss adjusters", None),
    ("My ticket was kicked upstairs and I never heard back", None),
    ("They referred me elsewhere", "They never referred me elsewhere"),
    ("Got shoved across to the fraud team", None),
    # another team, desk, line or person reached
    ("I kept getting the wrong department every time I rang", None),
    ("Ended up talking to four different teams", None),
    ("I've had five case handlers in a month", None),
    ("My issue was reassigned three times", "My issue was not reassigned at all"),
    ("Department after department, nobody knew", None),
    # lost between teams, or in the handover
    ("My complaint fell through the cracks between departments", None),
    ("Lost in the handoff between sales and support", None),
    ("After the handover to the second agent I had to start again", None),
    # one then the next, with no verb of moving; the runaround; nobody owns it
    ("Tier 1 couldn't help, so tier 2 got it, then tier 3", None),
    ("First line had no idea, second line had to call me back", None),
    ("Went from chat to phone to email and back to chat", None),
    ("I ended up with the fraud team, then the cards team", None),
    ("Spoke with one guy, then another, then another", None),
    ("Back to square one with the next agent", None),
    ("Every person I got put on to asked for my account number again", None),
    ("Total runaround from start to finish", None),
    ("Nobody wants to own my complaint", None),
    ("The garage blamed the dealer and the dealer blamed the garage", None),
    ("There is no department I have not been passed to", None),
]


@pytest.mark.parametrize(("comment", "negated"), FORMS)
def test_the_forms_are_read_by_the_rules_and_not_their_negated_twins(comment, negated):
    found, words = detect_handoff(comment, learned=False)
    assert found, comment
    folded = fold_comment(comment)
    assert all(w in folded for w in words), words
    if negated is not None:
        assert detect_handoff(negated) == (False, ()), negated


# Read by the rules alone, unblocked, by words that stand in the comment (english.py,
# english_elsewhere.py): each sending to the next, "transfer me again", another unit's job,
# another number or address, someone new each time, the agent's quoted words, slang.
RULE_FORMS = [
    "you tell me to ask my broker, my broker tells me to ask you",
    "Garage blames the dealer, dealer says talk to the insurer, insurer sends me back.",
    "pls dont transfer me again, third time today",
    "Why are you sending me somewhere else again?",
    "transfer no. 3 of the afternoon and the same questions again",
    "Customer service is pass the parcel and I'm the parcel",
    "They said I'd have to take it up with the courier, not them.",
    "She gave me another email address and that was that.",
    "Was told this department doesn't handle refunds and to call head office instead.",
    "They said I should ring the 0800 number instead.",
    "I was put on hold, then put through to someone who couldn't help either.",
    "Every time I call I get someone new who knows nothing about it.",
    "I had to call three different numbers to get an answer.",
    "They bumped me up to 2nd line.",
    "I got handed around like a parcel.",
    "Agent: 'that's not something I can help with, you'll need to speak to our claims team'.",
    "Why do I have to tell every single person my account number?",
    "Three different advisers, three different answers.",
    "Customer service couldn't help and suggested I contact the retailer.",
    "They told me I needed to go through my broker instead.",
    "Phoned up, was told it's a matter for the loss adjuster.",
    "i got put thru to 3 diff ppl",
    "Every agent I reached sent me somewhere else.",
    "Chat agent: 'not my area, lemme transfer u'.",
    "Apparently my refund belongs to a different team.",
    "The bank and the shop each insisted the other had to refund me.",
    "The rep said 'I'll need to put you through to another department'.",
]


@pytest.mark.parametrize("said", RULE_FORMS)
def test_the_rules_read_the_form(said):
    assert_rules_read("en", said)


# A negation further back in the clause than the few words just before the cue.
NEGATED_TWINS = [
    (
        "The agent passed me on to another department",
        "The agent did not pass me on to another department",
    ),
    (
        "At one point I was transferred to another department",
        "I was not at any stage transferred to another department",
    ),
    (
        "Somebody at the bank bounced me between departments",
        "Nobody at the bank ever bounced me between departments",
    ),
    (
        "The clerk put me on to a different line after ten minutes",
        "The clerk did not once in the whole call put me on to a different line",
    ),
]


@pytest.mark.parametrize(("said", "negated"), NEGATED_TWINS)
def test_a_negation_anywhere_in_the_clause_drops_the_cue(said, negated):
    assert detect_handoff(said)[0], said
    assert detect_handoff(negated) == (False, ()), negated
    # the rules see the negated cue, so the learned model is not asked either
    assert detect._rules_say(fold_comment(negated))[:2] == ([], True), negated


# A negation of another verb ("can't believe", "not only"), in another clause, or before a
# new subject: the handoff stands.
NOT_NEGATED = [
    "I can't believe they transferred me three times",
    "I have never been transferred so many times in one call",
    "Not only did they transfer me, they hung up",
    "Without any warning they transferred me to another department",
    "No idea why they passed me on to another department",
    "I don't know why the agent sent me to the wrong department",
    "Nobody answered for an hour and then they bounced me between departments",
    "The website did not work so the helpline transferred me to the store",
]


@pytest.mark.parametrize("comment", NOT_NEGATED)
def test_a_negation_of_another_verb_leaves_the_handoff(comment):
    assert detect_handoff(comment)[0], comment


# Negated: "without", "never", "didn't", "refused to", "did not have to".
NEGATED = [
    "She solved it without transferring me",
    "I never had to repeat myself",
    "I didn't have to repeat myself once",
    "they didn't transfer me, the first agent fixed it",
    "The agent refused to transfer me to a manager",
    "They never told me to take it up with the courier.",
    "I did not have to call three different numbers, one was enough.",
]

# Not needed: a handoff expected, braced for, asked for or about to happen and then not
# needed; the first person or the right department sorting it; a wait, a bad line.
NOT_NEEDED = [
    "I waited on hold for 45 minutes and hung up",
    "After an hour on hold I was put through to an agent, who fixed it",
    "Waiting now to be connected to an agent",
    "I asked for a manager but they said none was available",
    "How about connecting me with a real person?",
    "I asked to speak to a manager but the agent solved it herself",
    "I thought they'd send me to another team but the agent handled it himself",
    "I had to repeat my details twice, the line was terrible",
    "The engineer said it's a tech issue and fixed it on the spot",
    "I was braced for 'that's another department', it never came",
    "I expected the runaround but got none",
    "She was about to put me through to tech, then spotted the fix herself.",
    "Braced myself for the runaround and got a straight answer from the first person.",
    "I expected to be passed around but the first agent handled everything.",
    "I got through to the right department first time for once.",
    "The branch manager was really helpful and sorted my mortgage.",
    "Customer service said they'd call back and they did, same person.",
    "I expected to be sent to another desk but the clerk handled my refund there and then.",
    "Half expected to be passed to another team, wasn't.",
    "I braced for the runaround but got a straight answer.",
]

# The customer's own act or own things moved: a number, a contract, photos, a return, a
# provider switched, air miles, savings, a pension, keys, a gym, a repeat order.
OWN_ACT = [
    "Transferring my number from my old provider was easy",
    "I transferred my contract to my new address",
    "Got a new phone, transferred my photos over",
    "I had to send it back to the store because it was too big",
    "I switched to another provider myself because it was cheaper.",
    "My air miles were transferred to my husband's account.",
    "Moved my ISA to another provider without any fuss.",
    "My pension transfer to the new provider finally went through.",
    "Handed the keys to the estate agent.",
    "We moved to a new branch of the gym",
    "I placed a repeat order",
]

# The words' other senses: money, flights, prices, web pages and screens, shops and stores,
# parcels, a party game, a router, tension, tiers and levels, people who are not staff.
OTHER_SENSES = [
    "The bank transfer took three days",
    "Prices keep escalating every year",
    "the site keeps redirecting me to the login page",
    "My flight had a transfer in Dubai and my bag was held in transfer",
    "escalating costs are ridiculous",
    "the cheque bounced around between banks",
    "Another department store had it cheaper",
    "Every year at renewal the escalation of the premium is shocking",
    "My bag was held in transfer at the airport",
    "The checkout page bounces me back to the basket",
    "She said it was lovely and he said it was lovely too",
    "My parcel was handed over to a neighbour",
    "Bumped up to business class, lovely",
    "Tier 2 pricing is too expensive",
    "Back to square one with my diet",
    "When I put it on in the store I got compliments",
    "I almost passed this in the store, glad I tried it",
    "The kids run around the store while I shop",
    "Level 1 of the car park was full, level 2 too",
    "The handover of the keys was smooth",
    "The app keeps bouncing me between the same two screens.",
    "The coats were listed under the wrong department in the app.",
    "Please don't send me any more marketing emails.",
    "Transfer number 2 from the airport was on time.",
    "The shop doesn't do alterations, which is a shame.",
    "We played pass the parcel at my son's party.",
    "The engineer handed over the new router and walked me through the setup.",
    "Tension escalated at the counter when the queue got long.",
    "Delivery was passed to a neighbour, fine by me.",
    "I found one of each colour in two different stores and bought both.",
    "Three different people stopped me to ask where the dress was from.",
    "My colleague recommended this bank to me.",
]


@pytest.mark.parametrize("comment", NEGATED)
def test_a_negated_cue_is_no_handoff(comment):
    assert detect_handoff(comment) == (False, ()), comment


@pytest.mark.parametrize("comment", NOT_NEEDED)
def test_a_handoff_not_needed_is_none(comment):
    assert detect_handoff(comment) == (False, ()), comment


@pytest.mark.parametrize("comment", OWN_ACT)
def test_the_customers_own_act_is_no_handoff(comment):
    assert detect_handoff(comment) == (False, ()), comment


@pytest.mark.parametrize("comment", OTHER_SENSES)
def test_other_senses_of_the_words_are_no_handoff(comment):
    assert detect_handoff(comment) == (False, ()), comment


def test_the_first_look_keeps_every_rule_these_sentences_wake():
    comments = [c for c, _ in FOUND + FOUND_WITHIN_WORDS + RULES_FIND]
    comments += [c for pair in FORMS + NEGATED_TWINS for c in pair if c]
    comments += RULE_FORMS + NOT_NEGATED + NEGATED + NOT_NEEDED + OWN_ACT + OTHER_SENSES
    for comment in comments:
        assert_first_look_keeps(comment)
    assert detect._rules_in.cache_info().currsize > 0
