"""Does a comment say the customer was passed on inside the company? A flag and its words.

Being transferred, passed around, sent to another department or unit, escalated, handed
from a bot to a person, or made to tell the story again to each new person. The rules are
the languages' own, read on folded text (lower case, no accents, Turkish ı as i), so
comments typed without diacritics count the same. Every language's rules run on every
comment: short comments are often in no clear language.

A cue is dropped when

- the language negates it, anywhere in its own clause: Turkish puts the negation inside the
  verb ("aktar-ma-dan", "aktar-ıl-ma-dım", "bağla-n-ama-dım"), also after a cue that names the
  units ("birimden birime göndermediler"), or after it ("gerek kalmadan"); Czech prefixes it
  ("ne-přepojili", before or after the cue) or says "bez", "nikam", "nikomu"; English puts
  "not", "never", "without", "nobody", "didn't", "refused to" before it, also further back in
  the clause ("The agent did not pass me on to another department"), unless a word that starts
  another verb's clause ("and", "so", "because", "who", "why") or a new subject ("without a word
  they transferred me") stands between, or the negation is another verb's ("can't believe",
  "not only");
- the words around it give it another sense: money, a balance or a payment order
  transferred, a number ported, photos or data moved, an airport transfer or a connecting
  flight, a parcel hub, a web page redirecting, a contract moved to another name or a new
  address, a device paired with a phone, prices escalating, a repeat order;
- it is the customer's own act ("numaramı taşıdım", "poslal jsem reklamaci").

A whole comment is no handoff when it says one was offered or expected and then was not
needed ("gerekirse yöneticime bağlarım … gerek kalmadı", "I expected to be sent to another
department but the rep handled it himself"). A few rules read the whole comment rather than
one clause: two clauses that send the customer each to the other ("billing says it's tech,
tech says it's billing"), and senses a comma puts apart ("repeat it twice, the line was bad").

Rules are grouped by the word starts they need (`rules.Rule.stems`): a comment tries only
the rules whose stems its words hold.

Where the rules are silent and none of their cues was negated or of another sense, a learned
second opinion (`learned.py`: logistic regression on word and letter n-grams, weights in
`cxcore/data/handoff_model.json`, rebuilt by `bench/handoff_learn.py`) may flag a comment whose
sentences name a transfer, a unit or a person, when it is confident and nothing negates a
handoff; its words are the n-grams that weighed most. How well and how fast:
docs/benchmarks.md.
"""

from cxcore.text.handoffs.detect import detect_handoff, handoff_words

__all__ = ["detect_handoff", "handoff_words"]
