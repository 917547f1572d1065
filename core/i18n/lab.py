"""Texts of the Lab page: its results, cards and downloads, its controls, and the one-click meeting scenarios
(names and two-sentence captions)."""

EN = {
    # lab page
    "lab.title": "One hidden layer or two?",
    "lab.intro": (
        "Train bias-free networks live on sparse signals measured by a random matrix, then test them at signal "
        "scales from 1/1000 to 1000 times the training scale."
    ),
    "lab.cannot_run": "These settings cannot run: {detail}. Change them in the sidebar.",
    "lab.train": "Train and compare",
    "lab.press_train": "Press **Train and compare**: at the defaults both networks train in a few seconds.",
    "lab.stale": "The settings changed since these results were computed: press **Train and compare** to update.",
    "lab.replayed": "Same settings and seed as an earlier run: replayed from the cache.",
    "lab.full.queue": "The server already has as many trainings running or waiting as it takes. Please press Train again in a minute; links whose numbers are stored still open at once.",
    "lab.full.client": "Trainings started from this address are already running (another tab?). Please wait for them to finish, then press Train again.",
    "lab.over_budget": "This link asks for a run of about {seconds:.0f} s (training {training:.0f} s, decoders {decoders:.0f} s): more than the {limit:.0f} s a link may start by itself. Check the settings above and press **Train and compare** to run it.",
    "lab.older_version": "These numbers were made by results version {made}; this server computes version {now}, whose numbers may differ. Press **Train and compare** for this version's.",
    "lab.starting": "Starting…",
    "lab.busy": "The server is busy with other trainings right now. Please press Train again in a minute.",
    "lab.process_failed": "The training could not finish ({detail}). Please press Train again; if it keeps failing, try a smaller width or fewer steps.",
    "lab.progress": "Training {model}: step {step} of {steps}, {seconds:.1f} s",
    "lab.diverged": "training diverged.",
    "lab.headline_error": "{pct} error",
    "lab.headline_on_floor": ", on the floor of {floor} that no one-layer net of any width can beat",
    "lab.headline_above_floor": ", above the floor of {floor} that no one-layer net of any width can beat",
    "lab.headline_worst": " (worst over scales 0.001–1000: {worst}).",
    "lab.card_error": "RMS relative error",
    "lab.card_vs_floor": "{points:+.2f} pts vs floor",
    "lab.card_worst": "Worst error over scales 0.001–1000",
    "lab.card_params": "Parameters",
    "lab.card_train_time": "Training time",
    "lab.card_none": "none",
    "lab.card_hand_built_help": (
        "Weights computed from A: layer 1 measures the signal's scale, layer 2 thresholds relative to it."
    ),
    "lab.card_steps": "{steps} steps",
    "lab.card_cost": "Cost: training {train} · per 1,000 reconstructions {per_1000}",
    "lab.decoders_title": "**Classical decoders on the same signals** (not networks; no training)",
    "lab.decoder_help": "{ms:.2f} ms per signal on this server",
    "lab.decoder_not_invariant": "; not scale-invariant",
    "lab.decoder_worst": "worst over scales 0.001–1000: {worst}",
    "lab.no_floor": (
        "No floor is drawn: the one-layer floor is proven only for bias-free networks on signed signals whose "
        "activation has a linear odd part, σ(t) − σ(−t) = c·t (ReLU family, GELU, softplus, SiLU; not tanh, sigmoid, "
        "ELU)."
    ),
    "lab.even_floor": (
        "|t| is even, so every bias-free net whose first layer is |·| is even, f(−y) = f(y): it cannot tell x from −x, "
        "and on signed signals its error is at least {floor} at any depth (proven: for the pair ±x, "
        "(‖f − x‖² + ‖f + x‖²)/2 = ‖f‖² + ‖x‖² ≥ ‖x‖²)."
    ),
    "lab.example_scale": "Example at scale",
    "lab.details": "Details and downloads",
    "lab.details_caption": (
        "Homogeneity error: max over λ in [1e-4, 1e4] of ‖f(λy) − λf(y)‖ / ‖λf(y)‖, in float64. "
        "Trained on {threads} CPU thread(s)."
    ),
    "lab.download_csv": "Download results (CSV)",
    "lab.download_json": "Download results (JSON, as the CLI prints)",
    "lab.download_report": "Download the report (HTML, works offline)",
    "lab.share": "Share this view",
    "lab.share_help": "This link opens the Lab with these settings and trains at once: same seed, same numbers.",
    "lab.scenario_caption": "Scenario: **{name}**. {caption}",
    # controls
    "ctl.problem": "Problem",
    "ctl.what": "What to reconstruct",
    "ctl.n_help": "signal length (sparse, phase)",
    "ctl.m_help": "measurements: at most n (d² for low-rank, 4n for phase)",
    "ctl.s_help": "nonzeros per signal (sparse, phase)",
    "ctl.d": "d (matrix d×d)",
    "ctl.d_help": "low-rank only",
    "ctl.rank": "rank",
    "ctl.rank_help": "low-rank only: at most d",
    "ctl.scales": "Training scale range",
    "ctl.scales_help": "Training signals get a random scale in this range; tests go from 0.001 to 1000.",
    "ctl.networks": "Networks",
    "ctl.depths": "Depths to compare",
    "ctl.hand_built": "Add the hand-built 2-layer net",
    "ctl.normalised": "Add the normalised one-layer net",
    "ctl.normalised_help": (
        "f(y) = ‖y‖·g(y/‖y‖), g one hidden layer with bias terms: scale-invariant for any g (proven, by algebra), "
        "by an explicit normalisation instead of depth. It is outside the paper's class of bias-free ReLU-type "
        "networks: it divides by ‖y‖, so it is undefined at y = 0 (set to 0 here) and noise-sensitive when ‖y‖ is small."
    ),
    "ctl.unrolled": "Unrolled ISTA steps (0 = none)",
    "ctl.unrolled_help": (
        "A scale-invariant network built like an algorithm: soft-thresholding steps whose thresholds are "
        "proportional to the signal's size, started from A. Trains fastest to low error; sparse problem only."
    ),
    "ctl.hand_built_help": "Weights computed from A, no training: exact for every 1-sparse signal (sparse problem only).",
    "ctl.width": "Width (units per hidden layer)",
    "ctl.steps": "Training steps",
    "ctl.bias": "Bias terms",
    "ctl.bias_help": "Off: scale-invariant networks. On: the usual design, for contrast.",
    "ctl.seed": "Seed",
    "ctl.baselines": "Classical decoders (reference lines)",
    "ctl.baselines_help": "Basis pursuit and OMP are scale-invariant; LASSO with a fixed λ is not. Sparse problem only.",
    "ctl.advanced": "Advanced",
    "ctl.activation": "Activation",
    "ctl.act.relu": "ReLU",
    "ctl.act.leaky_relu": "leaky ReLU (slope 0.1)",
    "ctl.act.abs": "|t| (even)",
    "ctl.act.tanh": "tanh",
    "ctl.act.sigmoid": "sigmoid",
    "ctl.act.gelu": "GELU",
    "ctl.act.elu": "ELU",
    "ctl.act.softplus": "softplus",
    "ctl.act.silu": "SiLU (swish)",
    "ctl.activation_help": (
        "Scale-invariant (f(λy) = λf(y)): ReLU, leaky ReLU, |t|. The one-layer floor applies wherever σ(t) − σ(−t) is "
        "linear: also GELU, softplus, SiLU; not tanh, sigmoid, ELU. |t| makes every net even: error ≥ 100 % at any depth."
    ),
    "ctl.init": "Two-layer net starts",
    "ctl.init_help": "From A: the trained two-layer net starts as the hand-built one (exact for 1-sparse signals) and training improves it; needs width ≥ 2·max(m, n). Measured at n = 64, m = 32, s = 2: it cuts the error reached in 10 s by about a quarter (0.195 → 0.146).",
    "ctl.signal": "Signal amplitudes",
    "ctl.noise": "Measurement noise (relative)",
    "ctl.batch": "Batch (signals per step)",
    "ctl.lr": "Learning rate",
    "ctl.budget": "Time budget per model (s)",
    "ctl.present": "Presentation mode",
    "ctl.present_help": "Hides the controls and enlarges charts and numbers for a projector.",
    # one-click scenarios
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
    "scenario.nonnegative.name": "Nonnegative 1-sparse signals: one layer is enough",
    "scenario.nonnegative.caption": (
        "When signals are never negative, the floor's argument does not apply and one hidden layer reconstructs. "
        "So first check whether your signals take both signs."
    ),
    "scenario.cost.name": "Cost of depth",
    "scenario.cost.caption": (
        "Two layers cost more parameters and training time than one, and far less per signal than basis pursuit. "
        "Open the Cost page to turn these measurements into a monthly figure."
    ),
    "scenario.depth_or_norm.name": "Depth or normalisation",
    "scenario.depth_or_norm.caption": (
        "One bias-free hidden layer stops at its proven floor and two reconstruct: that is the paper's statement, "
        "about bias-free ReLU-type networks. A one-layer net with biases that sees y/‖y‖ and rescales by ‖y‖ is "
        "scale-invariant too and gets below the floor, but it is outside that class: it divides, so it is undefined "
        "at y = 0 and noise-sensitive when ‖y‖ is small. The real choice is depth, or an explicit normalisation."
    ),
}

JA = {
    "lab.title": "隠れ層は1層か、2層か？",
    "lab.intro": (
        "ランダム行列で測定したスパースな信号で、バイアスなしのネットワークをその場で学習させ、"
        "学習スケールの1/1000から1000倍までの信号でテストします。"
    ),
    "lab.cannot_run": "この設定では実行できません：{detail}。サイドバーで変更してください。",
    "lab.train": "学習して比較",
    "lab.press_train": "**学習して比較** を押してください。既定の設定なら両方のネットワークが数秒で学習します。",
    "lab.stale": "結果を計算した後に設定が変わりました。**学習して比較** を押すと更新されます。",
    "lab.replayed": "以前と同じ設定・シードです。キャッシュから即座に再現しました。",
    "lab.full.queue": "サーバーで実行中・待機中の学習が上限に達しています。1分ほどしてから、もう一度学習を押してください。数値が保存済みのリンクはすぐに開けます。",
    "lab.full.client": "このアドレスから開始した学習がすでに実行中です（別のタブでしょうか）。終わってから、もう一度学習を押してください。",
    "lab.over_budget": "このリンクの実行には約 {seconds:.0f} 秒かかる見込みです（学習 {training:.0f} 秒、復元法 {decoders:.0f} 秒）。リンクから自動で開始できるのは {limit:.0f} 秒までです。上の設定を確認し、**学習して比較** を押すと実行します。",
    "lab.older_version": "この数値は結果のバージョン {made} で計算したものです。このサーバーはバージョン {now} で計算するため、数値が異なる場合があります。**学習して比較** を押すと、このバージョンの数値になります。",
    "lab.starting": "開始しています…",
    "lab.busy": "サーバーは現在ほかの学習で混み合っています。1分ほどしてから、もう一度学習を押してください。",
    "lab.process_failed": "学習を完了できませんでした（{detail}）。もう一度学習を押してください。繰り返し失敗する場合は、幅やステップ数を小さくしてください。",
    "lab.progress": "{model} を学習中：ステップ {step} / {steps}、{seconds:.1f} 秒",
    "lab.diverged": "学習が発散しました。",
    "lab.headline_error": "誤差 {pct}",
    "lab.headline_on_floor": "。どんな幅の1層ネットワークも下回れない下限 {floor} とほぼ同じです",
    "lab.headline_above_floor": "。どんな幅の1層ネットワークも下回れない下限 {floor} より上です",
    "lab.headline_worst": "（スケール0.001〜1000での最悪値：{worst}）。",
    "lab.card_error": "RMS相対誤差",
    "lab.card_vs_floor": "下限との差 {points:+.2f} ポイント",
    "lab.card_worst": "スケール0.001〜1000での最悪の誤差",
    "lab.card_params": "パラメータ数",
    "lab.card_train_time": "学習時間",
    "lab.card_none": "なし",
    "lab.card_hand_built_help": "重みはAから計算：第1層が信号の大きさを測り、第2層がそれに比例したしきい値で切り分けます。",
    "lab.card_steps": "{steps} ステップ",
    "lab.card_cost": "コスト：学習 {train}・復元1,000件あたり {per_1000}",
    "lab.decoders_title": "**同じ信号での従来の復元法**（ネットワークではなく、学習なし）",
    "lab.decoder_help": "このサーバーで1信号あたり {ms:.2f} ミリ秒",
    "lab.decoder_not_invariant": "。スケール不変ではありません",
    "lab.decoder_worst": "スケール0.001〜1000での最悪値：{worst}",
    "lab.no_floor": (
        "下限線は表示していません。1層の下限が証明されているのは、符号ありの信号に対するバイアスなしネットワークで、"
        "活性化関数の奇関数部分が線形（σ(t) − σ(−t) = c·t：ReLU系、GELU、softplus、SiLU。tanh、シグモイド、ELUは"
        "該当しない）の場合だけです。"
    ),
    "lab.even_floor": (
        "|t| は偶関数なので、第1層が |·| のバイアスなしネットワークはすべて偶関数 f(−y) = f(y) になり、x と −x を"
        "区別できません。符号ありの信号では、どの深さでも誤差は {floor} 以上です（証明済み：±x の対について "
        "(‖f − x‖² + ‖f + x‖²)/2 = ‖f‖² + ‖x‖² ≥ ‖x‖²）。"
    ),
    "lab.example_scale": "例を示すスケール",
    "lab.details": "詳細とダウンロード",
    "lab.details_caption": (
        "斉次性誤差：λ ∈ [1e-4, 1e4] にわたる ‖f(λy) − λf(y)‖ / ‖λf(y)‖ の最大値（float64で計算）。"
        "学習に使ったCPUスレッド数：{threads}。"
    ),
    "lab.download_csv": "結果をダウンロード（CSV）",
    "lab.download_json": "結果をダウンロード（JSON、CLIと同じ形式）",
    "lab.download_report": "レポートをダウンロード（HTML、オフラインで閲覧可）",
    "lab.share": "この画面を共有",
    "lab.share_help": "このリンクを開くと、この設定でラボがすぐに学習を始めます。同じシードなら同じ数値になります。",
    "lab.scenario_caption": "シナリオ：**{name}**。{caption}",
    "ctl.problem": "問題",
    "ctl.what": "復元するもの",
    "ctl.n_help": "信号の長さ（スパース・位相回復）",
    "ctl.m_help": "測定数：n以下（低ランクはd²以下、位相回復は4n以下）",
    "ctl.s_help": "信号あたりの非ゼロ成分の数（スパース・位相回復）",
    "ctl.d": "d（d×d行列）",
    "ctl.d_help": "低ランクのみ",
    "ctl.rank": "ランク",
    "ctl.rank_help": "低ランクのみ：d以下",
    "ctl.scales": "学習スケールの範囲",
    "ctl.scales_help": "学習用の信号はこの範囲のランダムなスケールをもちます。テストは0.001から1000まで。",
    "ctl.networks": "ネットワーク",
    "ctl.depths": "比較する深さ",
    "ctl.hand_built": "手設計の2層ネットワークを加える",
    "ctl.normalised": "入力を正規化した1層ネットワークを加える",
    "ctl.normalised_help": "f(y) = ‖y‖·g(y/‖y‖)、gはバイアス項のある隠れ層1層のネットワーク。どんなgでもスケール不変です（代数的に証明済み）。深さではなく明示的な正規化によるものです。論文が扱うバイアスなしReLU型ネットワークの対象外です：‖y‖で割るため y = 0 では定義されず（ここでは0とします）、‖y‖が小さいとノイズに敏感です。",
    "ctl.unrolled": "展開型ISTAのステップ数（0 = なし）",
    "ctl.unrolled_help": "アルゴリズムを展開したスケール不変なネットワーク：しきい値が信号の大きさに比例するソフトしきい値処理を、Aから初期化して繰り返します。最も速く低誤差まで学習します（スパース問題のみ）。",
    "ctl.hand_built_help": "重みをAから計算し、学習なし：非ゼロ1個の信号はすべて正確に復元（スパース問題のみ）。",
    "ctl.width": "幅（隠れ層あたりのユニット数）",
    "ctl.steps": "学習ステップ数",
    "ctl.bias": "バイアス項",
    "ctl.bias_help": "オフ：スケール不変なネットワーク。オン：比較用の通常の設計。",
    "ctl.seed": "シード",
    "ctl.baselines": "従来の復元法（参照線）",
    "ctl.baselines_help": "基底追跡とOMPはスケール不変、λ固定のLASSOは不変ではありません。スパース問題のみ。",
    "ctl.advanced": "詳細設定",
    "ctl.activation": "活性化関数",
    "ctl.act.relu": "ReLU",
    "ctl.act.leaky_relu": "Leaky ReLU（傾き0.1）",
    "ctl.act.abs": "|t|（偶関数）",
    "ctl.act.tanh": "tanh",
    "ctl.act.sigmoid": "シグモイド",
    "ctl.act.gelu": "GELU",
    "ctl.act.elu": "ELU",
    "ctl.act.softplus": "softplus",
    "ctl.act.silu": "SiLU（swish）",
    "ctl.activation_help": (
        "スケール不変（f(λy) = λf(y)）なのは ReLU、Leaky ReLU、|t|。1層の下限は σ(t) − σ(−t) が線形なら成り立ちます："
        "GELU、softplus、SiLU も該当し、tanh、シグモイド、ELU は該当しません。|t| ではネットワークが偶関数になり、"
        "どの深さでも誤差は100 %以上です。"
    ),
    "ctl.init": "2層ネットの初期値",
    "ctl.init_help": "A から：学習する2層ネットを手設計のネットワーク（非ゼロ1個の信号なら正確に復元）から始め、学習でさらに改善します。幅 ≥ 2·max(m, n) が必要です。n = 64、m = 32、s = 2 での実測では、10 秒で到達する誤差が約4分の1下がります（0.195 → 0.146）。",
    "ctl.signal": "信号の振幅",
    "ctl.noise": "測定ノイズ（相対）",
    "ctl.batch": "バッチ（1ステップの信号数）",
    "ctl.lr": "学習率",
    "ctl.budget": "モデルあたりの時間上限（秒）",
    "ctl.present": "プレゼンテーションモード",
    "ctl.present_help": "操作部を隠し、グラフと数値をプロジェクター向けに大きく表示します。",
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
    "scenario.nonnegative.name": "非負の1-スパース信号なら1層で足りる",
    "scenario.nonnegative.caption": (
        "信号が決して負にならない場合、下限の議論は成り立たず、隠れ層1層でも復元できます。"
        "まず、ご自身の信号が正負両方の値をとるかを確認してください。"
    ),
    "scenario.cost.name": "深さのコスト",
    "scenario.cost.caption": (
        "2層は1層よりパラメータと学習時間が多くかかりますが、1信号あたりでは基底追跡よりはるかに安価です。"
        "コストのページで、これらの実測値を月額に換算できます。"
    ),
    "scenario.depth_or_norm.name": "深さか、正規化か",
    "scenario.depth_or_norm.caption": (
        "バイアスなしの隠れ層1層は証明済みの下限で止まり、2層なら復元できます。これが論文の主張で、対象はバイアスなしReLU型ネットワークです。"
        "バイアスのある1層ネットワークに y/‖y‖ を入力して ‖y‖ 倍すると、これもスケール不変になり下限を下回りますが、その対象外です："
        "割り算をするため y = 0 では定義されず、‖y‖ が小さいとノイズに敏感です。本当の選択肢は、深さか、明示的な正規化かです。"
    ),
}
