"""What a reconstruction costs: inputs, measured speed, money per month, the verdict."""
