"""Names and two-sentence captions of the one-click meeting scenarios."""

EN = {
    "scenarios.title": "One-click scenarios",
    "scenario.floor.name": "One layer hits the floor",
    "scenario.floor.caption": (
        "A one-hidden-layer network, even twice as wide, stops at about 71 % error. "
        "That floor is proven: no width and no amount of training can get below it."
    ),
    "scenario.two_layers.name": "Two layers reconstruct",
    "scenario.two_layers.caption": (
        "Add a second hidden layer and the same signals are reconstructed almost exactly, at every scale. "
        "A hand-built two-layer net shows the capacity exists even without training."
    ),
    "scenario.bias.name": "Bias breaks scale invariance",
    "scenario.bias.caption": (
        "The usual network with bias terms works at the scales it was trained on and fails far away from them. "
        "A fixed-penalty LASSO fails the same way; basis pursuit, like a bias-free net, does not."
    ),
    "scenario.noise.name": "Noise robustness",
    "scenario.noise.caption": (
        "With 10 % measurement noise the two-layer network's error grows with the noise, not beyond it. "
        "One layer stays above its floor."
    ),
    "scenario.nonnegative.name": "Nonnegative signals: one layer is enough",
    "scenario.nonnegative.caption": (
        "When signals are never negative, the floor's argument does not apply and one hidden layer reconstructs. "
        "So first check whether your signals take both signs."
    ),
    "scenario.cost.name": "Cost of depth",
    "scenario.cost.caption": (
        "Two layers cost more parameters and training time than one, and far less per signal than basis pursuit. "
        "Open the Cost page to turn these measurements into a monthly figure."
    ),
}

JA = {
    "scenarios.title": "ワンクリック・シナリオ",
    "scenario.floor.name": "1層は下限で止まる",
    "scenario.floor.caption": (
        "隠れ層1層のネットワークは、幅を2倍にしても誤差約71 %で止まります。"
        "この下限は証明済みで、幅をいくら広げても、いくら学習しても下回れません。"
    ),
    "scenario.two_layers.name": "2層なら復元できる",
    "scenario.two_layers.caption": (
        "隠れ層を2層にすると、同じ信号がどのスケールでもほぼ正確に復元されます。"
        "手設計の2層ネットワークは、学習しなくてもその能力があることを示します。"
    ),
    "scenario.bias.name": "バイアスはスケール不変性を壊す",
    "scenario.bias.caption": (
        "バイアス項のある通常のネットワークは、学習したスケールでは機能しますが、そこから離れると失敗します。"
        "ペナルティ固定のLASSOも同様に失敗し、基底追跡はバイアスなしのネットワークと同じく失敗しません。"
    ),
    "scenario.noise.name": "ノイズへの頑健性",
    "scenario.noise.caption": (
        "測定ノイズが10 %あっても、2層ネットワークの誤差はノイズに応じて増えるだけで、それ以上には悪化しません。"
        "1層は下限より上にとどまります。"
    ),
    "scenario.nonnegative.name": "非負の信号なら1層で足りる",
    "scenario.nonnegative.caption": (
        "信号が決して負にならない場合、下限の議論は成り立たず、隠れ層1層でも復元できます。"
        "まず、あなたの信号が正負両方の値をとるかを確認してください。"
    ),
    "scenario.cost.name": "深さのコスト",
    "scenario.cost.caption": (
        "2層は1層よりパラメータと学習時間が多くかかりますが、1信号あたりでは基底追跡よりはるかに安価です。"
        "コストのページで、これらの実測値を月額に換算できます。"
    ),
}
