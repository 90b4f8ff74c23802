"""The progress chart: server-side SVG in the style of assessments/charts."""

from measures.charts import status_bars


def test_it_draws_a_bar_per_row_split_by_status_with_a_thai_summary():
    svg = status_bars(
        [
            ("ทั้งแผน", {"done": 2, "in_progress": 1, "not_started": 1}, 1),
            ("กองช่าง <ทดสอบ>", {"not_started": 1}, 1),
            ("กองคลัง", {}, 0),
        ],
        title="ความก้าวหน้าตามส่วนราชการ",
    )
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert 'role="img"' in svg
    assert "<script" not in svg
    assert svg.count('class="bar bar--done"') == 1
    assert svg.count('class="bar bar--not_started"') == 2
    assert "กองช่าง &lt;ทดสอบ&gt;" in svg  # escaped
    assert "ทั้งแผน: ยังไม่ดำเนินการ 1 (25%), อยู่ระหว่างดำเนินการ 1 (25%)" in svg
    assert "ดำเนินการแล้ว 2 (50%), เลยกำหนด 1" in svg
    assert "กองคลัง: ไม่มีมาตรการ" in svg
    assert status_bars([("ทั้งแผน", {"done": 1}, 0)]) == status_bars(
        [("ทั้งแผน", {"done": 1}, 0)]
    )  # deterministic


def test_it_writes_thai_digits_when_asked():
    svg = status_bars([("ทั้งแผน", {"done": 12}, 3)], thai_digits=True)
    assert "๑๒ มาตรการ" in svg
    assert "เลยกำหนด ๓" in svg
    assert "(๑๐๐%)" in svg
