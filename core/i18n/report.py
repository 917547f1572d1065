"""Texts of the downloadable HTML report (core/present/report/document.py): headings, table columns, meeting statements."""

EN = {
    # page
    "report.title": "ScaleLab report: one vs two hidden layers",
    "report.generated": "Generated {when} · results version {version}",
    "report.intro": (
        "Bias-free neural networks were trained to recover {problem} from m = {m} measurements and tested at "
        "signal scales from {lo} to {hi} (training used scales {train_lo} to {train_hi} only)."
    ),
    "report.problem.sparse": "sparse signals (n = {n} unknowns, s = {s} nonzeros)",
    "report.problem.lowrank": "{d}×{d} matrices of rank {rank}",
    "report.problem.phase": "sparse signals from magnitudes only (phase retrieval, n = {n}, s = {s})",
    "report.footer": "Made with ScaleLab. This file is self-contained: it opens offline, with interactive charts.",
    "report.reference": "Reference: Bamberger, Heckel, Krahmer, arXiv:2308.02836; J. Approx. Theory 2025, doi:10.1016/j.jat.2025.106177",
    # meeting statements
    "report.summary.title": "Key points for the meeting",
    "report.summary.note": "Written from the numbers measured in this run.",
    "report.say.one_on_floor": (
        "{label}: {err} error, on the proven floor of {floor}; more width or more training does not lower it."
    ),
    "report.say.one_above_floor": (
        "{label}: {err} error, above the proven floor of {floor}, which no width and no amount of training can beat."
    ),
    "report.say.one_vs_floor": "{label}: {err} error (proven floor: {floor}).",
    "report.say.one_no_floor": "{label}: {err} error (no floor is proven for these settings).",
    "report.say.flat": "{label}: below {bound} error at every scale from {lo} to {hi}.",
    "report.say.range": "{label}: {err} error on the training scales, at most {worst} across scales {lo} to {hi}.",
    "report.say.versus": "{sentence} That is {ratio}× less error than {other}.",
    "report.say.bias_jump": (
        "{label} with biases: the error at scale {scale} is {worst}, {ratio}× the error on the training scales ({err})."
    ),
    "report.say.bias_flat": "{label} with biases: the error stays at most {worst} across scales {lo} to {hi}.",
    "report.say.hand_built": (
        "{label}: weights computed from A without training ({params} parameters), below {bound} error at every scale."
    ),
    "report.say.decoder_flat": "{label}: below {bound} error at every scale, {ms} ms per signal.",
    "report.say.decoder_slower": (
        "{label}: below {bound} error at every scale, but {ratio}× slower per signal than {net} "
        "({slow_rate} vs {fast_rate} signals per second)."
    ),
    "report.say.decoder_not_invariant": (
        "{label}: not scale-invariant, {worst} error at scale {scale} against {err} on the training scales."
    ),
    "report.say.decoder_range": "{label}: {err} error, at most {worst} across scales, {ms} ms per signal.",
    "report.say.no_result": "{label}: no result ({status}).",
    "report.say.training_time": "Networks trained: {count}; total training time {seconds} s.",
    "report.say.seed": "Seed {seed}: the same settings and seed reproduce these numbers.",
    # results
    "report.results.title": "Results",
    "report.results.floor": "Proven floor for one hidden layer, √(1 − rank(A)/n): {floor}.",
    "report.results.floor_lowrank": "Proven floor for one hidden layer, √(1 − rank(A)/d²): {floor}.",
    "report.results.even_floor": "Proven floor at every depth, the first layer |·| being even: {floor}.",
    "report.results.no_floor": "No floor for one hidden layer is proven for these settings.",
    "report.results.error_note": (
        "Error: root-mean-square relative error ‖x̂ − x‖ / ‖x‖ on {signals} test signals per scale "
        "({baseline_signals} for the classical decoders); 0% is a perfect reconstruction."
    ),
    "report.models.title": "Neural networks",
    "report.decoders.title": "Classical decoders (for reference)",
    "report.col.model": "Model",
    "report.col.params": "Parameters",
    "report.col.seconds": "Training time (s)",
    "report.col.error": "Error (training scales)",
    "report.col.worst": "Worst error, scales {lo}–{hi}",
    "report.col.homogeneity": "Scale-invariance deviation",
    "report.col.status": "Status",
    "report.col.decoder": "Decoder",
    "report.col.ms": "Time per signal (ms)",
    "report.status.ok": "OK",
    "report.status.time_budget": "stopped at the time budget",
    "report.status.diverged": "diverged",
    "report.status.not_applicable": "not applicable",
    # charts
    "report.charts.title": "Charts (interactive: hover, zoom, click the legend)",
    # cost
    "report.cost.title": "Cost",
    "report.cost.name": "Method",
    "report.cost.params": "Parameters",
    "report.cost.macs": "Multiply–adds per signal",
    "report.cost.train_seconds": "Training (s)",
    "report.cost.throughput": "Signals per second",
    "report.cost.monthly": "Monthly cost ({currency})",
    "report.cost.per_volume": "Cost per {volume} signals ({currency})",
    "report.cost.sources": "Parameters and multiply–adds are counted from the layer shapes; training time, throughput and error are measured on this server, one CPU thread per job; the money is estimated: measured time × the volumes and price below. A “–” means the figure does not apply (a classical decoder has no parameters to train).",
    "report.cost.assumed": "Assumed (your inputs on the Cost page): {signals} signals reconstructed a day, {retrainings} retrainings a month, {price} per CPU-hour.",
    "report.cost.verdict": "Conclusion: {verdict}",
    # settings and versions
    "report.settings.title": "Settings",
    "report.settings.note": "The same settings and seed give the same numbers.",
    "report.col.setting": "Setting",
    "report.col.value": "Value",
    "report.yes": "yes",
    "report.no": "no",
    "report.none": "none",
    "report.field.n": "Signal length",
    "report.field.m": "Measurements",
    "report.field.s": "Nonzeros per signal",
    "report.field.depths": "Hidden layers compared",
    "report.field.width": "Units per hidden layer",
    "report.field.steps": "Training steps",
    "report.field.max_seconds": "Time budget per model (s)",
    "report.field.activation": "Activation",
    "report.field.bias": "Bias terms",
    "report.field.signal": "Signal amplitudes",
    "report.field.noise": "Relative measurement noise",
    "report.field.train_scales": "Training scale range",
    "report.field.batch": "Signals per training step",
    "report.field.lr": "Learning rate",
    "report.field.seed": "Seed",
    "report.field.problem": "Problem",
    "report.field.d": "Matrix size d (low-rank)",
    "report.field.rank": "Rank (low-rank)",
    "report.field.hand_built": "Hand-built two-layer net",
    "report.field.baselines": "Classical decoders",
    "report.field.biased": "Depths also trained with bias terms",
    "report.field.normalised": "Normalised one-layer net",
    "report.field.unrolled": "Unrolled ISTA steps (0 = none)",
    "report.field.init": "How the two-layer net starts",
    "report.field.optimizer": "How the nets train (optimizer)",
    "report.versions.title": "Software",
    "report.versions.threads": "torch CPU threads",
    "report.col.library": "Software",
    "report.col.version": "Version",
}

JA = {
    # page
    "report.title": "ScaleLab レポート：隠れ層1層と2層の比較",
    "report.generated": "作成日時：{when}・結果のバージョン {version}",
    "report.intro": (
        "バイアス項のないニューラルネットワークを、m = {m} 個の測定値から{problem}を復元するよう学習させ、"
        "信号の大きさ（スケール）{lo}〜{hi} で精度を検証しました（学習に使ったスケールは {train_lo}〜{train_hi} のみ）。"
    ),
    "report.problem.sparse": "スパース信号（未知数 n = {n}、非ゼロ成分 s = {s} 個）",
    "report.problem.lowrank": "{d}×{d} の低ランク行列（ランク {rank}）",
    "report.problem.phase": "振幅のみの測定値からスパース信号（位相回復、n = {n}、s = {s}）",
    "report.footer": "ScaleLab で作成。このファイル単体でオフラインでも開け、グラフも操作できます。",
    "report.reference": "参考文献：Bamberger, Heckel, Krahmer, arXiv:2308.02836; J. Approx. Theory 2025, doi:10.1016/j.jat.2025.106177",
    # meeting statements
    "report.summary.title": "会議用の要点",
    "report.summary.note": "いずれも今回の実行で測定した数値から自動作成しています。",
    "report.say.one_on_floor": (
        "{label}：誤差 {err}。証明済みの理論下限 {floor} とほぼ同じで、幅を広げても学習を増やしても下がりません。"
    ),
    "report.say.one_above_floor": (
        "{label}：誤差 {err}。証明済みの理論下限 {floor} を上回っています"
        "（幅や学習量をいくら増やしても、この下限を下回ることはありません）。"
    ),
    "report.say.one_vs_floor": "{label}：誤差 {err}（証明済みの理論下限：{floor}）。",
    "report.say.one_no_floor": "{label}：誤差 {err}（この設定では理論下限は証明されていません）。",
    "report.say.flat": "{label}：スケール {lo}〜{hi} のすべてで誤差 {bound} 未満。",
    "report.say.range": "{label}：学習スケールでの誤差 {err}、スケール {lo}〜{hi} 全体での最大誤差 {worst}。",
    "report.say.versus": "{sentence}{other}と比べて誤差は {ratio} 分の1です。",
    "report.say.bias_jump": (
        "バイアス項ありの{label}：スケール {scale} での誤差は {worst} で、学習スケールでの誤差（{err}）の {ratio} 倍に"
        "悪化します。"
    ),
    "report.say.bias_flat": "バイアス項ありの{label}：スケール {lo}〜{hi} での最大誤差は {worst} にとどまります。",
    "report.say.hand_built": (
        "{label}：学習なしで A から重みを計算（パラメータ {params} 個）し、すべてのスケールで誤差 {bound} 未満。"
    ),
    "report.say.decoder_flat": "{label}：すべてのスケールで誤差 {bound} 未満、1信号あたり {ms} ミリ秒。",
    "report.say.decoder_slower": (
        "{label}：すべてのスケールで誤差 {bound} 未満ですが、1信号あたりの処理は{net}より {ratio} 倍遅くなります"
        "（毎秒 {slow_rate} 件 対 {fast_rate} 件）。"
    ),
    "report.say.decoder_not_invariant": (
        "{label}：スケールの変化に対応できず、スケール {scale} で誤差 {worst}（学習スケールでは {err}）。"
    ),
    "report.say.decoder_range": "{label}：誤差 {err}、全スケールでの最大誤差 {worst}、1信号あたり {ms} ミリ秒。",
    "report.say.no_result": "{label}：結果なし（{status}）。",
    "report.say.training_time": "学習したネットワークは {count} 個、学習時間は合計 {seconds} 秒です。",
    "report.say.seed": "シード値 {seed}：同じ設定とシード値で、同じ数値を再現できます。",
    # results
    "report.results.title": "結果",
    "report.results.floor": "隠れ層1層の理論下限 √(1 − rank(A)/n)（証明済み）：{floor}",
    "report.results.floor_lowrank": "隠れ層1層の理論下限 √(1 − rank(A)/d²)（証明済み）：{floor}",
    "report.results.even_floor": "第1層 |·| が偶関数のため、どの深さでも成り立つ理論下限（証明済み）：{floor}",
    "report.results.no_floor": "この設定では、隠れ層1層の理論下限は証明されていません。",
    "report.results.error_note": (
        "誤差：スケールごとにテスト信号 {signals} 件（従来の復元法は {baseline_signals} 件）で測った相対誤差 "
        "‖x̂ − x‖ / ‖x‖ の二乗平均平方根。0% は完全な復元を意味します。"
    ),
    "report.models.title": "ニューラルネットワーク",
    "report.decoders.title": "従来の復元法（参考）",
    "report.col.model": "モデル",
    "report.col.params": "パラメータ数",
    "report.col.seconds": "学習時間（秒）",
    "report.col.error": "誤差（学習スケール）",
    "report.col.worst": "最大誤差（スケール {lo}〜{hi}）",
    "report.col.homogeneity": "スケール不変性からのずれ",
    "report.col.status": "状態",
    "report.col.decoder": "手法",
    "report.col.ms": "1信号あたりの時間（ミリ秒）",
    "report.status.ok": "完了",
    "report.status.time_budget": "時間上限で打ち切り",
    "report.status.diverged": "発散",
    "report.status.not_applicable": "適用外",
    # charts
    "report.charts.title": "グラフ（マウスで拡大・数値表示、凡例クリックで表示切替）",
    # cost
    "report.cost.title": "コスト試算",
    "report.cost.name": "手法",
    "report.cost.params": "パラメータ数",
    "report.cost.macs": "1信号あたりの積和演算数",
    "report.cost.train_seconds": "学習時間（秒）",
    "report.cost.throughput": "毎秒の処理件数",
    "report.cost.monthly": "月額コスト（{currency}）",
    "report.cost.per_volume": "{volume}件あたりのコスト（{currency}）",
    "report.cost.sources": "パラメータ数と積和演算数は層の形から算出、学習時間・処理件数・誤差はこのサーバーで1ジョブ1CPUスレッドにより実測、金額は推定（実測時間 × 下記の件数と単価）です。「–」はその数値が当てはまらないことを示します（従来の復元法には学習するパラメータがありません）。",
    "report.cost.assumed": "前提（コストのページで入力した値）：1日あたり {signals} 件の復元、月 {retrainings} 回の再学習、CPU 1時間あたり {price}。",
    "report.cost.verdict": "結論：{verdict}",
    # settings and versions
    "report.settings.title": "設定",
    "report.settings.note": "同じ設定とシード値で、同じ数値が再現されます。",
    "report.col.setting": "項目",
    "report.col.value": "値",
    "report.yes": "あり",
    "report.no": "なし",
    "report.none": "なし",
    "report.field.n": "信号の長さ",
    "report.field.m": "測定値の数",
    "report.field.s": "信号あたりの非ゼロ成分数",
    "report.field.depths": "比較した隠れ層の数",
    "report.field.width": "隠れ層あたりのユニット数",
    "report.field.steps": "学習ステップ数",
    "report.field.max_seconds": "モデルあたりの時間上限（秒）",
    "report.field.activation": "活性化関数",
    "report.field.bias": "バイアス項",
    "report.field.signal": "信号の振幅",
    "report.field.noise": "測定ノイズ（相対）",
    "report.field.train_scales": "学習スケールの範囲",
    "report.field.batch": "学習ステップあたりの信号数",
    "report.field.lr": "学習率",
    "report.field.seed": "シード値",
    "report.field.problem": "問題の種類",
    "report.field.d": "行列サイズ d（低ランク）",
    "report.field.rank": "ランク（低ランク）",
    "report.field.hand_built": "手設計の2層ネット",
    "report.field.baselines": "従来の復元法",
    "report.field.biased": "バイアス項ありでも学習した深さ",
    "report.field.normalised": "入力を正規化した1層ネット",
    "report.field.unrolled": "展開型ISTAのステップ数（0 = なし）",
    "report.field.init": "2層ネットの初期値",
    "report.field.optimizer": "学習方法（最適化手法）",
    "report.versions.title": "ソフトウェア",
    "report.versions.threads": "torch の CPU スレッド数",
    "report.col.library": "ソフトウェア",
    "report.col.version": "バージョン",
}
