"""QTI 2.1: an IMS content package (``qti.zip``) of every version's questions.

Why QTI 2.1 and not the QTI 1.2 dialect Canvas exports: 2.1 is the current
interoperable standard (one file per item, scored by standard response
processing, tolerances and per-option feedback expressed in the standard
itself), and it is what TAO, Inspera, ONYX/OPAL, Sakai and Canvas's importer
read. The package holds:

* ``items/<slot>-<version>.xml``: one ``assessmentItem`` per question of each
  version. Choice questions are a ``choiceInteraction`` (options in the printed
  order, not reshuffled) with the mistake behind each wrong option as modal
  feedback; numeric questions are a ``textEntryInteraction`` scored with
  ``equal toleranceMode="absolute"``, and a typed number that a known mistake
  produces gets that mistake as feedback. Every item shows its worked solution
  as feedback. Figures travel as SVG files beside the item.
* ``tests/<version>.xml``: one ``assessmentTest`` per version, in its printed order.
* ``imsmanifest.xml``: a resource for every item and test, with its files and
  dependencies.

Math stays between MathJax delimiters, like the Moodle export. The zip is
byte-identical for the same exam (sorted entries, fixed timestamps).
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

from ..atomic import write_bytes_atomic
from .answers import key_number
from .assemble import Exam, ExamQuestion, ExamVersion, letter
from .lms import block_html, figure_name, inline_html, solution_html

QTI_NS = "http://www.imsglobal.org/xsd/imsqti_v2p1"
QTI_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
CP_NS = "http://www.imsglobal.org/xsd/imscp_v1p1"
CP_XSD = "http://www.imsglobal.org/xsd/imscp_v1p1.xsd"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
ITEM_TYPE = "imsqti_item_xmlv2p1"
TEST_TYPE = "imsqti_test_xmlv2p1"
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def item_identifier(version: ExamVersion, q: ExamQuestion) -> str:
    """An XML NCName unique in the package: ``Q03-v012-K7MXA``."""
    return f"{q.slot.id}-{version.label}"


def item_href(version: ExamVersion, q: ExamQuestion) -> str:
    return f"items/{item_identifier(version, q)}.xml"


def figure_href(version: ExamVersion, q: ExamQuestion) -> str:
    return f"items/{item_identifier(version, q)}-{figure_name(q)}"


def test_href(version: ExamVersion) -> str:
    return f"tests/{version.label}.xml"


def _root(tag: str, ns: str, xsd: str, attrs: dict[str, str]) -> ET.Element:
    # Unqualified tags plus a literal default-namespace attribute: plain, readable XML
    # without ElementTree's global prefix registry.
    return ET.Element(tag, {"xmlns": ns, "xmlns:xsi": XSI_NS, "xsi:schemaLocation": f"{ns} {xsd}", **attrs})


def _xhtml(parent: ET.Element, fragment: str, tag: str = "div") -> ET.Element:
    """Append an HTML fragment (already escaped by quizgen.text) as real XHTML elements.

    quizgen.text always gives well-formed markup; should a fragment ever not
    parse, it goes in as escaped text, so the package stays well-formed XML
    whatever the input (the export is total).
    """
    try:
        el = ET.fromstring(f"<{tag}>{fragment}</{tag}>")
    except ET.ParseError:
        el = ET.Element(tag)
        el.text = fragment
    parent.append(el)
    return el


def _outcome(parent: ET.Element, identifier: str, cardinality: str, base_type: str,
             default: str | None = None) -> None:
    el = ET.SubElement(parent, "outcomeDeclaration",
                       {"identifier": identifier, "cardinality": cardinality, "baseType": base_type})
    if default is not None:
        ET.SubElement(ET.SubElement(el, "defaultValue"), "value").text = default


def _set(parent: ET.Element, identifier: str) -> ET.Element:
    return ET.SubElement(parent, "setOutcomeValue", {"identifier": identifier})


def _add_feedback(parent: ET.Element, identifier: str) -> None:
    """FEEDBACK := FEEDBACK plus ``identifier`` (a multiple-cardinality outcome)."""
    multiple = ET.SubElement(_set(parent, "FEEDBACK"), "multiple")
    ET.SubElement(multiple, "variable", {"identifier": "FEEDBACK"})
    ET.SubElement(multiple, "baseValue", {"baseType": "identifier"}).text = identifier


def _score(parent: ET.Element, points: float) -> None:
    ET.SubElement(_set(parent, "SCORE"), "baseValue", {"baseType": "float"}).text = key_number(points)


def item_xml(exam: Exam, version: ExamVersion, q: ExamQuestion) -> ET.Element:
    ident = item_identifier(version, q)
    item = _root("assessmentItem", QTI_NS, QTI_XSD, {
        "identifier": ident, "title": f"{exam.spec.title}: {q.slot.id} ({version.code})",
        "adaptive": "false", "timeDependent": "false"})
    base_type = "identifier" if q.is_choice else "float"
    response = ET.SubElement(item, "responseDeclaration",
                             {"identifier": "RESPONSE", "cardinality": "single", "baseType": base_type})
    correct = ET.SubElement(ET.SubElement(response, "correctResponse"), "value")
    correct.text = q.correct_letter if q.is_choice else key_number(q.problem.answer.value)
    _outcome(item, "SCORE", "single", "float", "0")
    _outcome(item, "MAXSCORE", "single", "float", key_number(q.points))
    _outcome(item, "FEEDBACK", "multiple", "identifier")

    body = ET.SubElement(item, "itemBody")
    prompt = _xhtml(body, block_html(q.problem.prompt))
    if q.problem.figure:
        ET.SubElement(ET.SubElement(prompt, "p"), "img", {
            "src": figure_href(version, q).removeprefix("items/"), "alt": "Figure for this question"})
    feedback: list[tuple[str, str]] = []  # (identifier, html)
    if q.is_choice:
        interaction = ET.SubElement(body, "choiceInteraction", {
            "responseIdentifier": "RESPONSE", "shuffle": "false", "maxChoices": "1", "minChoices": "0"})
        for i, option in enumerate(q.options):
            choice = ET.SubElement(interaction, "simpleChoice", {"identifier": letter(i), "fixed": "true"})
            _xhtml(choice, inline_html(option.text), "span")
            feedback.append((letter(i), block_html("Correct." if option.correct else
                                                   option.mistake or "Not this one.")))
    else:
        para = ET.SubElement(body, "p")
        para.text = "Your answer: "
        ET.SubElement(para, "textEntryInteraction", {"responseIdentifier": "RESPONSE", "expectedLength": "12"})

    processing = ET.SubElement(item, "responseProcessing")
    condition = ET.SubElement(processing, "responseCondition")
    if q.is_choice:
        branch = ET.SubElement(condition, "responseIf")
        match = ET.SubElement(branch, "match")
        ET.SubElement(match, "variable", {"identifier": "RESPONSE"})
        ET.SubElement(match, "correct", {"identifier": "RESPONSE"})
        _score(branch, q.points)
        # Feedback names the option chosen: its identifier is the feedback's identifier.
        chosen = ET.SubElement(_set(processing, "FEEDBACK"), "multiple")
        ET.SubElement(chosen, "variable", {"identifier": "RESPONSE"})
    else:
        assert q.tolerance is not None
        tol = key_number(q.tolerance)
        checks = [("CORRECT", None)] + [(f"MISTAKE{k}", v) for k, (v, _) in
                                         enumerate(q.known_wrong_numbers, start=1)]
        feedback.append(("CORRECT", block_html("Correct.")))
        feedback += [(f"MISTAKE{k}", block_html(mistake)) for k, (_, mistake) in
                     enumerate(q.known_wrong_numbers, start=1)]
        for k, (ident_fb, value) in enumerate(checks):
            branch = ET.SubElement(condition, "responseIf" if k == 0 else "responseElseIf")
            equal = ET.SubElement(branch, "equal", {"toleranceMode": "absolute", "tolerance": f"{tol} {tol}",
                                                    "includeLowerBound": "true", "includeUpperBound": "true"})
            ET.SubElement(equal, "variable", {"identifier": "RESPONSE"})
            if value is None:
                ET.SubElement(equal, "correct", {"identifier": "RESPONSE"})
                _score(branch, q.points)
            else:
                ET.SubElement(equal, "baseValue", {"baseType": "float"}).text = key_number(value)
            _add_feedback(branch, ident_fb)
    _add_feedback(processing, "SOLUTION")
    feedback.append(("SOLUTION", solution_html(q)))
    for ident_fb, html in feedback:
        modal = ET.SubElement(item, "modalFeedback",
                              {"outcomeIdentifier": "FEEDBACK", "showHide": "show", "identifier": ident_fb})
        _xhtml(modal, html)
    return item


def test_xml(exam: Exam, version: ExamVersion) -> ET.Element:
    test = _root("assessmentTest", QTI_NS, QTI_XSD, {
        "identifier": f"TEST-{version.label}", "title": f"{exam.spec.title} (version {version.code})"})
    _outcome(test, "SCORE", "single", "float", "0")
    _outcome(test, "MAXSCORE", "single", "float", key_number(exam.total_points))
    part = ET.SubElement(test, "testPart", {"identifier": "PART", "navigationMode": "nonlinear",
                                            "submissionMode": "simultaneous"})
    section = ET.SubElement(part, "assessmentSection", {"identifier": "SECTION", "title": exam.spec.title,
                                                        "visible": "true"})
    if exam.spec.instructions:
        rubric = ET.SubElement(section, "rubricBlock", {"view": "candidate"})
        _xhtml(rubric, block_html(exam.spec.instructions))
    for q in version.questions:
        ET.SubElement(section, "assessmentItemRef", {
            "identifier": f"ITEM{q.number}", "href": "../" + item_href(version, q)})
    processing = ET.SubElement(test, "outcomeProcessing")
    total = ET.SubElement(_set(processing, "SCORE"), "sum")
    ET.SubElement(total, "testVariables", {"variableIdentifier": "SCORE"})
    return test


def manifest_xml(exam: Exam) -> ET.Element:
    manifest = _root("manifest", CP_NS, CP_XSD, {"identifier": f"MANIFEST-{exam.spec.id}"})
    manifest.set("xsi:schemaLocation", f"{CP_NS} {CP_XSD} {QTI_NS} {QTI_XSD}")
    metadata = ET.SubElement(manifest, "metadata")
    ET.SubElement(metadata, "schema").text = "QTIv2.1 Package"
    ET.SubElement(metadata, "schemaversion").text = "1.0.0"
    ET.SubElement(manifest, "organizations")
    resources = ET.SubElement(manifest, "resources")
    for version in exam.versions:
        for q in version.by_slot():
            res = ET.SubElement(resources, "resource", {
                "identifier": f"RES-{item_identifier(version, q)}", "type": ITEM_TYPE,
                "href": item_href(version, q)})
            ET.SubElement(res, "file", {"href": item_href(version, q)})
            if q.problem.figure:
                ET.SubElement(res, "file", {"href": figure_href(version, q)})
    for version in exam.versions:
        res = ET.SubElement(resources, "resource", {
            "identifier": f"RES-TEST-{version.label}", "type": TEST_TYPE, "href": test_href(version)})
        ET.SubElement(res, "file", {"href": test_href(version)})
        for q in version.questions:
            ET.SubElement(res, "dependency", {"identifierref": f"RES-{item_identifier(version, q)}"})
    return manifest


def _xml_bytes(root: ET.Element) -> bytes:
    ET.indent(root, space="  ")
    # Serialising to str and encoding once is several times faster than encoding="utf-8".
    text = ET.tostring(root, encoding="unicode")
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + text.encode("utf-8") + b"\n"


def qti_files(exam: Exam) -> dict[str, bytes]:
    """Every file of the package, by its path inside the zip."""
    files = {"imsmanifest.xml": _xml_bytes(manifest_xml(exam))}
    for version in exam.versions:
        for q in version.questions:
            files[item_href(version, q)] = _xml_bytes(item_xml(exam, version, q))
            if q.problem.figure:
                files[figure_href(version, q)] = q.problem.figure.encode("utf-8")
        files[test_href(version)] = _xml_bytes(test_xml(exam, version))
    return files


def qti_zip(exam: Exam) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in sorted(qti_files(exam).items(), key=lambda kv: (kv[0] != "imsmanifest.xml", kv[0])):
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    return buffer.getvalue()


def write_qti(exam: Exam, path: str | Path) -> Path:
    return write_bytes_atomic(path, qti_zip(exam))
