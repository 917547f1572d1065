"""Texts of the Pilot page: the engineer's own data in three steps."""

EN = {
    "pilot.title": "A pilot with your own data",
    "pilot.intro": (
        "Three steps before any investment: is your data scale-dependent, would one or two layers work on your own "
        "sensors, and what would it cost."
    ),
    "pilot.privacy": (
        "Uploaded files stay in this browser session's memory only: nothing is written to disk, nothing is shared "
        "with other sessions, and it is gone when you close the tab."
    ),
    "pilot.step1": "Step 1 — Is my data scale-dependent?",
    "pilot.step1_help": "A CSV of paired samples: some columns are inputs (e.g. pressures), others outputs.",
    "pilot.upload_samples": "Paired samples (CSV)",
    "pilot.sample_hom": "Load sample: proportional process",
    "pilot.sample_off": "Load sample: offset and saturation",
    "pilot.sample_sjis": "Load sample: Japanese headers (Shift-JIS, ; and decimal commas)",
    "pilot.read_as": "Read {rows} rows × {cols} columns ({encoding}, separator {delimiter}, decimal mark {decimal}) from {source}.",
    "pilot.inputs": "Input columns",
    "pilot.outputs": "Output columns",
    "pilot.pick_both": "Choose at least one input and one output column, not the same column twice.",
    "pilot.check": "Check scale dependence",
    "pilot.checking": "Training a bias-free and a biased network on each half of the magnitudes (a few seconds)…",
    "pilot.spread": "Input magnitudes span",
    "pilot.decades": "{value:.1f} decades",
    "pilot.bias_free_err": "Bias-free net, other half",
    "pilot.biased_err": "Biased net, other half",
    "pilot.score": "Homogeneity score",
    "pilot.score_help": "1 = the outputs grow exactly in proportion to the inputs; near 0 = offsets or saturation.",
    "pilot.step2": "Step 2 — One or two layers on my sensors?",
    "pilot.step2_help": "A CSV of the sensing matrix A: one row per sensor, one column per candidate source or location.",
    "pilot.upload_matrix": "Sensing matrix A (CSV)",
    "pilot.sample_leak": "Load sample: leak localisation (12 pressure sensors, 40 leak points)",
    "pilot.matrix_shape": "A has {m} sensors × {n} sources; mutual coherence {coherence:.4f} (1 = two sources look identical).",
    "pilot.parallel": "{count} pairs of sources look nearly identical to your sensors (|cosine| ≥ 0.95): the network cannot tell them apart, whatever its depth. The closest pairs:",
    "pilot.col_a": "source",
    "pilot.col_b": "looks like",
    "pilot.col_cos": "cosine",
    "pilot.s": "Simultaneous sources (s)",
    "pilot.compare": "Compare one vs two layers on my sensors",
    "pilot.step3": "Step 3 — What would it cost?",
    "pilot.to_cost": "Estimate the cost of these models",
    "pilot.step3_help": "Takes the measured numbers of Step 2 to the Cost page, where you enter your volumes and price.",
    "pilot.need_step2": "Run Step 2 first: the cost estimate uses its measured numbers.",
    "pilot.no_file": "Upload a file or load a sample.",
}

JA = {
    "pilot.title": "ご自身のデータでパイロット",
    "pilot.intro": (
        "投資の前に3つのステップで確認します：データはスケールに依存するか、ご自身のセンサーで1層と2層のどちらが"
        "機能するか、そしていくらかかるか。"
    ),
    "pilot.privacy": (
        "アップロードしたファイルは、このブラウザセッションのメモリ上にのみ保持されます。ディスクには書き込まれず、"
        "他のセッションと共有されることもなく、タブを閉じると消えます。"
    ),
    "pilot.step1": "ステップ1 — データはスケールに依存するか？",
    "pilot.step1_help": "対になったサンプルのCSV：一部の列が入力（例：圧力）、ほかの列が出力です。",
    "pilot.upload_samples": "対のサンプル（CSV）",
    "pilot.sample_hom": "サンプルを読み込む：比例するプロセス",
    "pilot.sample_off": "サンプルを読み込む：オフセットと飽和",
    "pilot.sample_sjis": "サンプルを読み込む：日本語ヘッダー（Shift-JIS、; 区切り、小数点カンマ）",
    "pilot.read_as": "{source} から {rows} 行 × {cols} 列を読み込みました（{encoding}、区切り {delimiter}、小数点 {decimal}）。",
    "pilot.inputs": "入力の列",
    "pilot.outputs": "出力の列",
    "pilot.pick_both": "入力と出力の列をそれぞれ1つ以上、重複しないように選んでください。",
    "pilot.check": "スケール依存性を確認する",
    "pilot.checking": "大きさの各半分で、バイアスなし・ありのネットワークを学習中（数秒）…",
    "pilot.spread": "入力の大きさの幅",
    "pilot.decades": "{value:.1f} 桁",
    "pilot.bias_free_err": "バイアスなし：もう半分での誤差",
    "pilot.biased_err": "バイアスあり：もう半分での誤差",
    "pilot.score": "斉次性スコア",
    "pilot.score_help": "1 = 出力が入力にちょうど比例して増える。0に近い = オフセットや飽和がある。",
    "pilot.step2": "ステップ2 — 自社のセンサーで1層か2層か？",
    "pilot.step2_help": "センシング行列AのCSV：1行が1つのセンサー、1列が1つの発生源・位置の候補です。",
    "pilot.upload_matrix": "センシング行列A（CSV）",
    "pilot.sample_leak": "サンプルを読み込む：漏えい位置の特定（圧力センサー12個、漏えい候補40か所）",
    "pilot.matrix_shape": "Aはセンサー {m} 個 × 発生源 {n} 個、相互コヒーレンスは {coherence:.4f} です（1 = 2つの発生源が同一に見える）。",
    "pilot.parallel": "{count} 組の発生源が、センサーからはほぼ同一に見えます（|コサイン| ≥ 0.95）。深さにかかわらず、ネットワークはこれらを区別できません。特に近い組：",
    "pilot.col_a": "発生源",
    "pilot.col_b": "似ている発生源",
    "pilot.col_cos": "コサイン",
    "pilot.s": "同時に起きる発生源の数（s）",
    "pilot.compare": "自社のセンサーで1層と2層を比較する",
    "pilot.step3": "ステップ3 — いくらかかるか？",
    "pilot.to_cost": "これらのモデルのコストを見積もる",
    "pilot.step3_help": "ステップ2の実測値をコストのページに引き継ぎ、処理量と単価を入力します。",
    "pilot.need_step2": "先にステップ2を実行してください。コストの見積もりにはその実測値を使います。",
    "pilot.no_file": "ファイルをアップロードするか、サンプルを読み込んでください。",
}
