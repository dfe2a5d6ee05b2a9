import pytest

from triage.routing import DEFAULT_ROUTING, RoutingError, RoutingTable


def test_default_routing_follows_the_handbook():
    table = RoutingTable.load()
    assert table.departments == {
        "quality": "质量管理部",
        "contract": "销售合同部",
        "transport": "储运部",
        "service": "客户服务部",
    }


def test_furious_escalates_to_a_supervisor_with_urgency():
    route = RoutingTable.load().route("quality", "furious", needs_review=False)
    assert route.escalate and route.escalate_to == "上级主管"
    assert route.priority == "urgent"
    assert route.sla_hours < RoutingTable.load().route("quality", "calm", False).sla_hours


def test_review_sends_to_review_queue_but_keeps_suggestion():
    route = RoutingTable.load().route("transport", "calm", needs_review=True)
    assert route.department == "人工复核"
    assert route.suggested_department == "储运部"


def test_custom_file_changes_routing(tmp_path):
    text = DEFAULT_ROUTING.read_text(encoding="utf-8")
    path = tmp_path / "r.toml"
    path.write_text(text.replace('transport = "储运部"', 'transport = "物流中心"'), encoding="utf-8")
    assert RoutingTable.load(path).route("transport", "calm", False).department == "物流中心"


def test_broken_file_names_the_line(tmp_path):
    path = tmp_path / "r.toml"
    path.write_text('[departments]\nquality = "质量管理部"\ncontract = \n', encoding="utf-8")
    with pytest.raises(RoutingError, match="line 3"):
        RoutingTable.load(path)


def test_missing_key_is_named(tmp_path):
    path = tmp_path / "r.toml"
    path.write_text('[departments]\nquality = "质量管理部"\n', encoding="utf-8")
    with pytest.raises(RoutingError, match="'contract'"):
        RoutingTable.load(path)


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(RoutingError, match="cannot read"):
        RoutingTable.load(tmp_path / "absent.toml")
