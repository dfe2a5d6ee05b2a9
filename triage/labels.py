"""The label set of ../shared/TAXONOMY.md, in one place."""

CATEGORIES = ("quality", "contract", "transport", "service")
NOT_A_COMPLAINT = "none"
CORPUS_CATEGORIES = CATEGORIES + (NOT_A_COMPLAINT,)

CATEGORY_NAMES_ZH = {
    "quality": "商品质量投诉",
    "contract": "购销合同投诉",
    "transport": "货物运输投诉",
    "service": "服务投诉",
    "none": "非投诉",
}

ANGER_LABELS = ("calm", "irritated", "furious")
ANGER_NAMES_ZH = {"calm": "温和", "irritated": "烦躁", "furious": "大怒"}
