"""Reading the text: language, sentiment, and placement on the journey model."""
