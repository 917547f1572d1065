"""Texts of the home page, the Lab, its controls, its charts and the names of models and decoders."""

EN = {
    # model and decoder names
    "model.depth1": "1 hidden layer",
    "model.depthN": "{depth} hidden layers",
    "model.with_bias": "{label} (with bias)",
    "model.hand_built": "2 hidden layers, hand-built",
    "model.unrolled": "Unrolled ISTA, {steps} steps (scale-invariant)",
    "decoder.bp": "Basis pursuit (ℓ1, linear program)",
    "decoder.omp": "OMP (s steps)",
    "decoder.lasso": "LASSO, fixed λ",
    "problem.sparse": "Sparse vectors",
    "problem.lowrank": "Low-rank matrices",
    "problem.phase": "Phase retrieval (exploratory)",
    "signal.signed": "signed",
    "signal.nonnegative": "nonnegative",
    # charts
    "chart.training_scales": "training scales",
    "chart.floor": "one-layer floor √(1 − m/n) = {floor:.3f}",
    "chart.error_title": "Error at every signal scale (training used only the shaded band)",
    "chart.error_x": "test signal scale λ (× training scale, log)",
    "chart.error_y": "RMS relative error (log; < 1e-7 drawn at 1e-7)",
    "chart.hover": "scale %{{x:g}}<br>error %{{y:.3g}}",
    "chart.loss_title": "Training loss",
    "chart.loss_x": "training step",
    "chart.loss_y": "relative squared error (log)",
    "chart.true_signal": "true signal",
    "chart.example_title": "An example signal at scale {scale}, true vs reconstructed (shown ÷ {scale})",
    "chart.example_x": "signal entry (index)",
    "chart.example_y": "amplitude ÷ scale",
    # home
    "home.title": "ScaleLab",
    "home.subtitle": "Does a network keep working when the signal is 1000 times weaker, or stronger?",
    "home.invariance": (
        "**Scale invariance, like a drawing's scale bar.** Enlarge a drawing and every distance on it grows by the "
        "same factor. A *positively homogeneous* reconstruction behaves the same way: multiply the measurements by "
        "λ ≥ 0 and the answer is multiplied by λ, **f(λy) = λ·f(y)**.\n\n"
        "**Why no biases.** A ReLU network without bias terms has this property by construction: "
        "ReLU(λt) = λ·ReLU(t), layer after layer. A bias is a fixed offset that does not scale with the signal, so a "
        "network with biases can fail on signals far weaker or stronger than those it was trained on."
    ),
    "home.finding": (
        "**The finding** (Bamberger, Heckel, Krahmer, arXiv:2308.02836). To reconstruct sparse signals x from few "
        "measurements y = A·x:\n\n"
        "- **one hidden layer is not enough, whatever its width**: on signed signals its error can never go below "
        "√(1 − m/n), 71 % when there are half as many measurements as unknowns (proven: its odd part is linear);\n"
        "- **two hidden layers are enough**: they can reconstruct to any precision, at every scale."
    ),
    "home.to_lab": "See it in the Lab: one click, a few seconds",
    "home.to_theory": "Why? Six questions, answered live",
    "home.scenarios": "One-click scenarios for a meeting",
    "home.pilot": "A pilot in three steps",
    "home.step1": (
        "**1. Is the data scale-dependent?**  \nOn the Pilot page, upload paired samples of your process: ScaleLab "
        "trains a bias-free and a biased network on one range of magnitudes, tests them on another, and gives a verdict."
    ),
    "home.step1_link": "Check your own data",
    "home.step2": (
        "**2. One or two layers?**  \nTrain both side by side on small simulated data of your size (n unknowns, "
        "m measurements, s active sources) and see which one reconstructs."
    ),
    "home.step2_link": "Prototype one vs two layers",
    "home.step3": (
        "**3. What does it cost?**  \nThe Cost page turns the measured training time and reconstruction speed of "
        "each model and classical decoder into a monthly cost for your volumes."
    ),
    "home.step3_link": "Estimate the cost",
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
        "No floor is drawn: the one-layer floor is proven only for bias-free ReLU-family networks on signed signals."
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
    "ctl.init": "Two-layer net starts",
    "ctl.init_help": "From A: the trained two-layer net starts as the hand-built one (exact for 1-sparse signals) and training improves it; needs width ≥ 2·max(m, n). At n = 64, m = 32, s = 2 it halves the error reached in 10 s.",
    "init.he": "random (He)",
    "init.a": "from A (hand-built)",
    "ctl.signal": "Signal amplitudes",
    "ctl.noise": "Measurement noise (relative)",
    "ctl.batch": "Batch (signals per step)",
    "ctl.lr": "Learning rate",
    "ctl.budget": "Time budget per model (s)",
    "ctl.present": "Presentation mode",
    "ctl.present_help": "Hides the controls and enlarges charts and numbers for a projector.",
    # config errors a page can reach (the rest never pass the widgets)
    "config.m_max": "m = {m} measurements is too many: at most {max_m} here",
    "config.s_max": "s = {s} nonzeros is more than the signal length n = {n}",
    "config.rank_max": "rank {rank} is larger than the matrix size d = {d}",
    "config.depths_empty": "choose at least one depth (or the hand-built net)",
    "config.other": "{detail}",
}

JA = {
    "model.depth1": "隠れ層1層",
    "model.depthN": "隠れ層{depth}層",
    "model.with_bias": "{label}（バイアスあり）",
    "model.hand_built": "隠れ層2層（手設計）",
    "model.unrolled": "展開型ISTA・{steps}ステップ（スケール不変）",
    "decoder.bp": "基底追跡（ℓ1・線形計画）",
    "decoder.omp": "OMP（sステップ）",
    "decoder.lasso": "LASSO（λ固定）",
    "problem.sparse": "スパースなベクトル",
    "problem.lowrank": "低ランク行列",
    "problem.phase": "位相回復（探索的）",
    "signal.signed": "符号あり",
    "signal.nonnegative": "非負",
    "chart.training_scales": "学習したスケール",
    "chart.floor": "1層の下限 √(1 − m/n) = {floor:.3f}",
    "chart.error_title": "信号スケールごとの誤差（学習は網掛けの範囲のみ）",
    "chart.error_x": "テスト信号のスケール λ（学習スケール比、対数）",
    "chart.error_y": "RMS相対誤差（対数；1e-7未満は1e-7に表示）",
    "chart.hover": "スケール %{{x:g}}<br>誤差 %{{y:.3g}}",
    "chart.loss_title": "学習の損失",
    "chart.loss_x": "学習ステップ",
    "chart.loss_y": "相対二乗誤差（対数）",
    "chart.true_signal": "真の信号",
    "chart.example_title": "スケール {scale} の信号の例：真の値と復元値（{scale} で割って表示）",
    "chart.example_x": "信号の成分（番号）",
    "chart.example_y": "振幅 ÷ スケール",
    "home.title": "ScaleLab",
    "home.subtitle": "信号が1000倍弱く、あるいは強くなっても、ネットワークは働き続けるか？",
    "home.invariance": (
        "**スケール不変性は、図面の縮尺のようなもの。** 図面を拡大すれば、図上のすべての距離が同じ倍率で伸びます。"
        "*正の斉次性*をもつ復元も同じです。測定値をλ倍（λ ≥ 0）すれば答えもλ倍になります："
        "**f(λy) = λ·f(y)**。\n\n"
        "**なぜバイアスなしか。** バイアス項のないReLUネットワークは、構造上この性質をもちます："
        "ReLU(λt) = λ·ReLU(t) が層ごとに成り立つからです。バイアスは信号の大きさに合わせて伸び縮みしない"
        "固定のずれなので、バイアスのあるネットワークは、学習時よりずっと弱い・強い信号で失敗することがあります。"
    ),
    "home.finding": (
        "**研究の結論**（Bamberger, Heckel, Krahmer, arXiv:2308.02836）。少ない測定 y = A·x からスパースな信号 x を"
        "復元するには：\n\n"
        "- **隠れ層1層では、幅をいくら広げても足りない**：符号ありの信号では、誤差が √(1 − m/n) を下回ることは"
        "決してありません。測定数が未知数の半分なら71 %です（証明済み：奇関数部分が線形になるため）。\n"
        "- **隠れ層2層なら足りる**：どのスケールでも、任意の精度で復元できます。"
    ),
    "home.to_lab": "ラボで確かめる：ワンクリック、数秒",
    "home.to_theory": "なぜ？ 6つの問いにその場で答えます",
    "home.scenarios": "会議用のワンクリック・シナリオ",
    "home.pilot": "3ステップのパイロット",
    "home.step1": (
        "**1. データはスケールに依存するか？**  \nパイロットのページでプロセスの対のサンプルをアップロードすると、"
        "ある大きさの範囲でバイアスなし・ありのネットワークを学習させ、別の範囲でテストして判定します。"
    ),
    "home.step1_link": "自社データを確かめる",
    "home.step2": (
        "**2. 1層か2層か？**  \nあなたの規模（未知数 n、測定数 m、同時に起きる事象 s）の小さな模擬データで"
        "両方を並べて学習させ、どちらが復元できるかを見ます。"
    ),
    "home.step2_link": "1層と2層を試作する",
    "home.step3": (
        "**3. いくらかかるか？**  \nコストのページで、各モデルと古典的手法の実測の学習時間と復元速度を、"
        "あなたの処理量での月額コストに換算します。"
    ),
    "home.step3_link": "コストを見積もる",
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
    "lab.starting": "開始しています…",
    "lab.busy": "サーバーは現在ほかの学習で混み合っています。1分ほどしてから、もう一度学習を押してください。",
    "lab.process_failed": "学習を完了できませんでした（{detail}）。もう一度学習を押してください。繰り返し失敗する場合は、幅やステップ数を小さくしてください。",
    "lab.progress": "{model} を学習中：ステップ {step} / {steps}、{seconds:.1f} 秒",
    "lab.diverged": "学習が発散しました。",
    "lab.headline_error": "誤差 {pct}",
    "lab.headline_on_floor": "。どんな幅の1層ネットワークも下回れない下限 {floor} の上に張り付いています",
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
    "lab.decoders_title": "**同じ信号での古典的手法**（ネットワークではなく、学習なし）",
    "lab.decoder_help": "このサーバーで1信号あたり {ms:.2f} ミリ秒",
    "lab.decoder_not_invariant": "。スケール不変ではありません",
    "lab.decoder_worst": "スケール0.001〜1000での最悪値：{worst}",
    "lab.no_floor": (
        "下限線は表示していません。1層の下限が証明されているのは、符号ありの信号に対する"
        "バイアスなしReLU系ネットワークだけです。"
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
    "ctl.unrolled": "展開型ISTAのステップ数（0 = なし）",
    "ctl.unrolled_help": "アルゴリズムを展開したスケール不変なネットワーク：しきい値が信号の大きさに比例するソフトしきい値処理を、Aから初期化して繰り返します。最も速く低誤差まで学習します（スパース問題のみ）。",
    "ctl.hand_built_help": "重みをAから計算し、学習なし：非ゼロ1個の信号はすべて正確に復元（スパース問題のみ）。",
    "ctl.width": "幅（隠れ層あたりのユニット数）",
    "ctl.steps": "学習ステップ数",
    "ctl.bias": "バイアス項",
    "ctl.bias_help": "オフ：スケール不変なネットワーク。オン：比較用の通常の設計。",
    "ctl.seed": "シード",
    "ctl.baselines": "古典的手法（参照線）",
    "ctl.baselines_help": "基底追跡とOMPはスケール不変、λ固定のLASSOは不変ではありません。スパース問題のみ。",
    "ctl.advanced": "詳細設定",
    "ctl.activation": "活性化関数",
    "ctl.init": "2層ネットの初期値",
    "ctl.init_help": "A から：学習する2層ネットを手設計のネットワーク（1-スパース信号に厳密）から始め、学習でさらに改善します。幅 ≥ 2·max(m, n) が必要です。n = 64、m = 32、s = 2 では 10 秒で到達する誤差が半分になります。",
    "init.he": "ランダム（He）",
    "init.a": "A から（手設計）",
    "ctl.signal": "信号の振幅",
    "ctl.noise": "測定ノイズ（相対）",
    "ctl.batch": "バッチ（1ステップの信号数）",
    "ctl.lr": "学習率",
    "ctl.budget": "モデルあたりの時間上限（秒）",
    "ctl.present": "プレゼンテーションモード",
    "ctl.present_help": "操作部を隠し、グラフと数値をプロジェクター向けに大きく表示します。",
    "config.m_max": "測定数 m = {m} は多すぎます。ここでは最大 {max_m} です",
    "config.s_max": "非ゼロ数 s = {s} が信号の長さ n = {n} を超えています",
    "config.rank_max": "ランク {rank} が行列サイズ d = {d} より大きいです",
    "config.depths_empty": "深さを1つ以上（または手設計のネットワークを）選んでください",
    "config.other": "{detail}",
}
