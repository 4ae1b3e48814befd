"""Customer journey dashboard: `streamlit run app.py`. Lists the pages in journey order."""

import streamlit as st

from cxcore.i18n import text
from pages._auth import may_open, sign_in_gate
from pages._shared import database_url, once_per_session, upgrade_keys
from pages._shared import lang as ui_language
from pages._warm import start_warm_up

st.set_page_config(page_title="Customer journey", page_icon="🧭", layout="wide")
lang = ui_language()  # the page titles are in the language each page's sidebar chose
sign_in_gate()  # with users configured: the sign-in form, and nothing else runs before
upgrade_keys()  # the first start after an upgrade moves the key out of the database
# A new visitor's first run warms the caches if the data changed since (once per data
# version): not on every rerun, where it would cost a data-version query each time.
once_per_session("warm_up", None, lambda: start_warm_up(database_url()))

pages = [
    st.Page(
        "pages/overview.py", title=text("nav.journey", lang), icon=":material/route:", default=True
    ),
    st.Page("pages/stage.py", title=text("nav.stage", lang), icon=":material/zoom_in:"),
    st.Page("pages/reports.py", title=text("nav.reports", lang), icon=":material/description:"),
    st.Page("pages/insights.py", title=text("nav.insights", lang), icon=":material/lightbulb:"),
    st.Page("pages/follow_up.py", title=text("nav.follow_up", lang), icon=":material/checklist:"),
    st.Page("pages/actions.py", title=text("nav.actions", lang), icon=":material/flag:"),
    st.Page("pages/touchpoints.py", title=text("nav.touchpoints", lang), icon=":material/grid_on:"),
    st.Page("pages/upload.py", title=text("nav.import", lang), icon=":material/upload_file:"),
    st.Page("pages/review.py", title=text("nav.review", lang), icon=":material/label_off:"),
    st.Page("pages/taxonomy.py", title=text("nav.taxonomy", lang), icon=":material/account_tree:"),
    st.Page(
        "pages/admin.py", title=text("nav.admin", lang), icon=":material/admin_panel_settings:"
    ),
    st.Page("pages/users.py", title=text("nav.users", lang), icon=":material/group:"),
]
st.navigation([p for p in pages if may_open(p)]).run()  # each role sees its pages
