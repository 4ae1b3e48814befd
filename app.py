"""Customer journey dashboard: `streamlit run app.py`. Lists the pages in journey order."""

import streamlit as st

st.set_page_config(page_title="Customer journey", page_icon="🧭", layout="wide")

pages = [
    st.Page("pages/overview.py", title="Journey", icon=":material/route:", default=True),
    st.Page("pages/stage.py", title="Stage drill-down", icon=":material/zoom_in:"),
    st.Page("pages/touchpoints.py", title="Touchpoint map", icon=":material/grid_on:"),
    st.Page("pages/upload.py", title="Import", icon=":material/upload_file:"),
    st.Page("pages/review.py", title="Unassigned responses", icon=":material/label_off:"),
    st.Page("pages/taxonomy.py", title="Journey model", icon=":material/account_tree:"),
]
st.navigation(pages).run()
