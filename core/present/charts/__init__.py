"""Every figure ScaleLab draws (plotly), one module per page's subject."""
