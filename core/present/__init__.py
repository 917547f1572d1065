"""How results are shown: number formats, labels, colours, every chart, the HTML report."""
