"""Everything ``kompiler people`` writes into the private folder, one person at a time.

:func:`prepare_compiled` checks the assessment file against the compiled standards (a
:class:`Prepared`, whose diagnostics the command prints); only a clean pair is then read again, chunk
after chunk, and written.

Each step writes one section of the folder, which replaces only that section
(:class:`~kompiler.build.private.PrivateWriter`): ``gaps`` writes ``kesenjangan/<ID>.md|pdf|docx``,
``kesenjangan.csv`` and ``ringkasan.csv``; ``plan`` writes ``rencana/`` and ``rencana.csv``; ``moves``
writes ``mutasi/`` and ``mutasi.csv``. Every step records in ``sumber.json`` which assessment file it was
computed from, and removes the parts another file made (:mod:`kompiler.build.provenance`). The people stage's results arrive chunk after chunk
(:class:`~kompiler.people.stream.People`); the tables with a row per person and competency or plan item
are written straight from a chunk's columns (:mod:`kompiler.render.people.chunk_rows`), and a person's
:class:`~kompiler.people.results.PersonReport` is built only for a document or the moves table. Every
table is written as it comes, so the number of people is bounded by the disk, not by memory. A person id becomes a file name only as written when it is a plain name
(:func:`file_stem`); anything else gets a stem that cannot leave the folder.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import ExitStack
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Protocol

from kompiler.build.orchestrate import build_moment, source_date
from kompiler.build.people_documents import DocumentWriter
from kompiler.build.private import PrivateWriter
from kompiler.build.provenance import Source, made_from, record
from kompiler.check.parallel import checked_spec, executor_for
from kompiler.check.result import CompileResult
from kompiler.diagnostics import Diagnostic, Message, Severity, count_by_severity
from kompiler.model import Corpus
from kompiler.model.entities import Position
from kompiler.people.aggregate import Tally, suppress
from kompiler.people.assessment import AssessmentFile, read_assessments
from kompiler.people.cells import PURPOSES
from kompiler.people.moves import Mobility
from kompiler.people.requirements import Requirements
from kompiler.people.results import PersonReport
from kompiler.people.stream import ChunkResult, MissingPolicy, MobilityMoves, People, run
from kompiler.people.table import Chunk, Index
from kompiler.people.talent import FILLING, talent_pool
from kompiler.people.tracking import exposure
from kompiler.render.documents import appendix_pdf
from kompiler.render.environment import Templates
from kompiler.render.people import chunk_rows, summary
from kompiler.render.people.documents import DOCUMENT_FORMATS
from kompiler.render.people.pool import POOL_SIZE, pool_csv, pool_rows
from kompiler.render.people.tables import Table
from kompiler.render.people.view import Setting, person_view
from kompiler.runtime.processes import available_cores, inherited_pool

SECTIONS = {"gaps": "kesenjangan", "plan": "rencana", "moves": "mutasi"}
TABLES = {"gaps": ("kesenjangan", "ringkasan"), "plan": ("rencana",), "moves": ("mutasi",)}
CHUNK_ROWS = {
    "kesenjangan": chunk_rows.gap_rows,
    "ringkasan": chunk_rows.summary_rows,
    "rencana": chunk_rows.plan_rows,
    "mutasi": chunk_rows.move_rows,
}
FORMATS = ("md", "pdf", "docx", "csv")
_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,79}")


@dataclass(frozen=True)
class Written:
    """What a step wrote: people, documents, and the rows of each table; and what it removed from the
    folder because another assessment file made it (:mod:`kompiler.build.provenance`)."""

    people: int
    documents: int
    rows: dict[str, int]
    removed: tuple[str, ...] = ()

    def summary(self, locale: str) -> str:
        """``3 pegawai, 9 dokumen, kesenjangan.csv (120 baris)`` (or in English), and what was removed."""
        words = ("pegawai", "dokumen", "baris") if locale == "id" else ("employee(s)", "document(s)", "rows")
        tables = "".join(f", {name} ({count} {words[2]})" for name, count in self.rows.items())
        text = f"{self.people} {words[0]}, {self.documents} {words[1]}{tables}"
        if not self.removed:
            return text
        names = ", ".join(self.removed)
        if locale == "id":
            return f"{text} [hasil yang tidak dibuat dari berkas asesmen ini dihapus: {names}]"
        return f"{text} [results not made from this assessment file removed: {names}]"


def file_stem(person: str) -> str:
    """``person`` as a file name: itself when plain (letters, digits, ``.``, ``_``, ``-``), else its plain
    characters and a short digest of the whole id, so two ids never share a file."""
    if _PLAIN.fullmatch(person) and not person.endswith("."):
        return person
    plain = re.sub(r"[^A-Za-z0-9_-]+", "_", person).strip("_")[:40] or "pegawai"
    return f"{plain}-{hashlib.sha256(person.encode('utf-8')).hexdigest()[:10]}"


class Results(Protocol):
    """A chunk of people as :func:`write_people` reads it: its size, and its columns for the tables
    written straight from them (a :class:`~kompiler.people.stream.ChunkResult`)."""

    def __len__(self) -> int: ...


def write_people(
    results: Iterable[Results],
    report_of: Callable[[Results, int], PersonReport],
    writer: PrivateWriter,
    *,
    step: str,
    setting: Setting,
    formats: tuple[str, ...],
    templates: Templates,
    positions: Mapping[str, Position],
    source: chunk_rows.Source,
    built: datetime | None = None,
    expected: int = 0,
) -> Written:
    """Write ``step``'s documents and tables for every person of ``results`` into ``writer`` (not
    committed here). ``report_of(result, i)`` builds person ``i``'s report, only when a document needs
    it: every table is written straight from the chunks' columns (:mod:`kompiler.render.people.chunk_rows`,
    which reads the standards through ``source``). ``expected`` is how many people
    are coming, which decides whether documents are written in worker processes
    (:mod:`kompiler.build.people_documents`).

    Raises :class:`~kompiler.render.environment.TemplateProblem` on a template error and
    :class:`~kompiler.build.output.OutputUnwritable` on a failed write; the caller then aborts the writer.
    """
    documents = tuple(f for f in formats if f in DOCUMENT_FORMATS)
    people = 0
    seen: set[str] = set()
    with ExitStack() as stack:
        tables = (
            [Table(name, stack.enter_context(writer.text(f"{name}.csv"))) for name in TABLES[step]]
            if "csv" in formats
            else []
        )
        out = stack.enter_context(
            DocumentWriter(
                writer,
                templates,
                setting,
                section=SECTIONS[step],
                kind=step,
                formats=documents,
                built=built,
                people=expected,
            )
        )
        for result in results:
            people += len(result)
            for table in tables:
                for rows in CHUNK_ROWS[table.name](result, source, setting):  # type: ignore[arg-type]
                    table.add_rows(rows)
            if not documents:
                continue
            for i in range(len(result)):
                report = report_of(result, i)
                stem = file_stem(report.person)
                if stem in seen:  # an id twice: the reader reports it; one document
                    continue
                seen.add(stem)
                out.add(stem, person_view(report, setting, positions))
    return Written(people, out.written, {f"{table.name}.csv": table.count for table in tables})


class Refused(Exception):
    """The command cannot run as asked (no development policy, an unknown purpose); ``message`` says why."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.en)
        self.message = message


@dataclass
class Prepared:
    """The compiled standards and the checked assessment file of one command."""

    result: CompileResult
    assessments: AssessmentFile
    diagnostics: list[Diagnostic]
    locale: str
    purpose: str | None
    executor: str = "serial"
    jobs: int | None = None

    @property
    def corpus(self) -> Corpus:
        return self.result.corpus

    @property
    def root(self) -> Path:
        assert self.result.root is not None
        return self.result.root

    @property
    def config_broken(self) -> bool:
        return self.result.config_broken

    @property
    def assessments_checked(self) -> bool:
        """Whether the assessment file is checked: only against standards without errors, which alone
        say what its codes and levels mean."""
        return self.result.root is not None and not any(
            d.severity is Severity.ERROR for d in self.result.diagnostics
        )

    def problem_counts(self, diagnostics: Iterable[Diagnostic], floor: Severity) -> dict[Severity, int]:
        """``diagnostics`` by severity, the assessment file's KMP216 counted as the problems it stands
        for (those at ``floor`` and above), not as one: a count line says how many problems there are."""
        name = self.assessments.name
        counts = count_by_severity([d for d in diagnostics if d.code != "KMP216" or d.location.file != name])
        for severity, count in self.assessments.hidden.items():
            if severity >= floor:
                counts[severity] += count
        return counts

    def files_read(self) -> Message:
        """The files a command's diagnostics come from: the standards' and the one assessment file, which
        is read only when the standards have no error."""
        standards = len(self.result.files)
        if self.assessments_checked:
            return Message(
                f"dalam {standards} berkas standar dan 1 berkas asesmen",
                f"in {standards} standards file(s) and 1 assessment file",
            )
        return Message(
            f"dalam {standards} berkas standar; berkas asesmen belum diperiksa",
            f"in {standards} standards file(s); the assessment file was not checked",
        )

    def source_line(self, file: str, line: int) -> str:
        """A line of a standards file, for the report; never one of the assessment file, whose lines are
        personal data and have no place in a terminal or a CI log."""
        return "" if file == self.assessments.name else self.result.source_line(file, line)

    def described(self) -> str:
        people = self.assessments.people
        if self.locale == "id":
            return f"{self.assessments.name}: {people} pegawai, tanpa galat."
        return f"{self.assessments.name}: {people} employee(s), no errors."

    def setting(self) -> Setting:
        return Setting.of(self.corpus.development, self.locale, build_moment().strftime("%Y-%m-%d"))

    def computed(self, people: People) -> Iterator[ChunkResult]:
        """``people`` run over the file's chunks where ``executor`` says (``serial``, ``process`` or a
        Dask cluster, as for ``kompiler check``), results in file order."""
        workers = self.jobs or available_cores()
        if checked_spec(self.executor) == "process" and workers > 1:
            # A local pool is forked holding the work; Dask's workers receive it with each chunk.
            with inherited_pool(people.work, workers) as (pool, work):
                yield from run(work, self.chunks(), pool, workers)
            return
        with executor_for(self.executor, self.assessments.people, self.jobs) as executor:
            yield from people.run(self.chunks(), executor, workers if executor is not None else 1)

    def chunks(self) -> Iterator[Chunk]:
        """The file's people again, chunk after chunk, with ``--tujuan`` applied. Raises
        :class:`Refused` at the end when this reading found errors the check did not (the file changed
        meanwhile): what was computed from it must not be written."""
        for chunk in self.assessments.chunks():
            yield replace(chunk, purposes=(self.purpose,) * len(chunk)) if self.purpose else chunk
        if any(d.severity is Severity.ERROR for d in self.assessments.diagnostics):
            raise Refused(
                Message(
                    f"{self.assessments.name} berubah saat dibaca dan kini memuat galat; tidak ada keluaran. "
                    "Jalankan perintah lagi.",
                    f"{self.assessments.name} changed while it was read and now holds errors; nothing is "
                    "written. Run the command again.",
                )
            )

    def templates(self) -> Templates:
        return Templates(self.root / "templates")

    def people(self, *, plans: bool, moves: bool, year: int | None) -> People:
        """The people stage's runner for this corpus (:class:`kompiler.people.stream.People`)."""
        policy = self.corpus.development
        requirements = Requirements.of(self.corpus)
        finder = None
        if moves and policy.match is not None:
            mobility = Mobility.of(self.corpus, policy.equivalences)
            finder = MobilityMoves(mobility, requirements, policy.match)
        try:
            return People(
                self.corpus, policy, plans=plans, moves=finder, year=year, requirements=requirements
            )
        except MissingPolicy as missing:
            raise Refused(missing.message) from None

    def source(self) -> Source:
        """The assessment the results come from: the file, the sheet the check read and ``--tujuan``."""
        return Source.of(self.assessments.path, self.assessments.sheet_number, self.purpose)

    def _recorded(
        self, writer: PrivateWriter, part: str, command: str, source: Source, written: Written
    ) -> Written:
        """``written``, with ``part`` recorded in the folder's manifest as made from ``source`` (hashed
        before the step read the file again) and the parts another file made removed
        (:func:`kompiler.build.provenance.record`)."""
        removed = record(
            writer,
            part,
            source,
            command=f"kompiler people {command}",
            people=written.people,
            version=self.setting().version,
        )
        return replace(written, removed=removed)

    def write_step(
        self, step: str, writer: PrivateWriter, formats: tuple[str, ...], year: int | None
    ) -> Written:
        """``gaps``, ``plan`` or ``moves`` for every person of the file, into ``writer``."""
        source = self.source()
        people = self.people(plans=step == "plan", moves=step == "moves", year=year)
        written = write_people(
            self.computed(people),
            people.report,  # type: ignore[arg-type]
            writer,
            step=step,
            setting=self.setting(),
            formats=formats,
            templates=self.templates(),
            positions=self.corpus.positions,
            source=chunk_rows.Source.of(self.corpus, people.requirements, people.catalogue),
            built=source_date(),
            expected=self.assessments.people,
        )
        return self._recorded(writer, SECTIONS[step], step, source, written)

    def write_pool(self, position: str, writer: PrivateWriter, formats: tuple[str, ...]) -> Written:
        """The talent pool of ``position``, the :data:`POOL_SIZE` people most ready for it (its holders
        left out), into ``talenta/<KODE>.md`` and ``talenta/<KODE>.csv``. The pools of other positions
        stay when they come from the same assessment: they answer other questions and do not contradict
        this one (:meth:`_other_pools`)."""
        source = self.source()
        people = self.people(plans=False, moves=False, year=None)
        requirements = people.requirements
        candidates = talent_pool(
            self.chunks(),
            requirements.index.position_at[position],
            requirements,
            people.work.match_policy,
            limit=POOL_SIZE,
            purpose=self.purpose or FILLING,
        )
        setting = self.setting()
        stem = file_stem(position)
        rows: dict[str, int] = {}
        if "csv" in formats:
            with writer.text(f"talenta/{stem}.csv") as stream:
                rows[f"talenta/{stem}.csv"] = pool_csv(stream, candidates, position, setting.version)
        if "md" in formats:
            found = self.corpus.positions[position]
            context = {
                "s": setting,
                "t": setting.t,
                "rows": pool_rows(candidates, setting.locale),
                "position": position,
                "name": found.name,
                "unit": found.unit,
            }
            writer.write_text(f"talenta/{stem}.md", self.templates().render("people/talenta.md", context))
        others = self._other_pools(writer, stem, source)
        written = self._recorded(
            writer,
            "talenta",
            f"pool {position}",
            source,
            Written(len(candidates), int("md" in formats), rows),
        )
        return replace(written, removed=tuple(sorted((*written.removed, *others))))

    @staticmethod
    def _other_pools(writer: PrivateWriter, stem: str, source: Source) -> tuple[str, ...]:
        """Copy the folder's pools of positions other than ``stem`` into ``writer`` when the manifest
        says they come from ``source``, since the folder's ``talenta/`` is replaced as a whole; else
        return them, to be named as removed (they come from another assessment)."""
        folder = writer.target / "talenta"
        names = sorted(entry.name for entry in folder.iterdir()) if folder.is_dir() else []
        # Only kompiler's own unchanged files (previous_bytes knows them), read once and copied byte for
        # byte (CRLF rows).
        others = {
            name: data
            for name in names
            if name.rsplit(".", 1)[0] != stem
            and (data := writer.previous_bytes(f"talenta/{name}")) is not None
        }
        if not made_from(writer, "talenta", source):
            return tuple(f"talenta/{name}" for name in others)
        for name, data in others.items():
            writer.write_bytes(f"talenta/{name}", data)
        return ()

    def write_summary(
        self, writer: PrivateWriter, formats: tuple[str, ...], minimum: int, year: int | None
    ) -> Written:
        """The agency's suppressed aggregates: ``agregat/peta.html`` always (the heatmap in colour), and
        ``peta.md``, ``peta.pdf`` and ``peta.csv`` as ``formats`` ask (a heatmap has no Word form)."""
        source = self.source()
        view = self.agency(minimum, year)
        templates = self.templates()
        context = {**summary.page_context(view, self.locale), "locale": self.locale}
        html = templates.render(summary.PAGE, context)
        writer.write_text("agregat/peta.html", html)
        written = 1
        if "md" in formats:
            writer.write_text("agregat/peta.md", summary.markdown(view, self.locale))
            written += 1
        if "pdf" in formats:
            writer.write_bytes("agregat/peta.pdf", appendix_pdf(html, templates, (summary.PAGE, context)))
            written += 1
        rows = {}
        if "csv" in formats:
            writer.write_text("agregat/peta.csv", summary.csv_text(view))
            rows["agregat/peta.csv"] = len(view.rows) + 1
        return self._recorded(
            writer, "agregat", "summary", source, Written(self.assessments.people, written, rows)
        )

    def agency(self, minimum: int, year: int | None) -> summary.AgencyView:
        """The whole file's aggregates, suppressed by the people stage
        (:func:`kompiler.people.aggregate.suppress`), as the agency view prints them."""
        plans = self.corpus.development.plan
        people = self.people(plans=plans is not None, moves=False, year=year)
        tally = Tally(self.corpus, people.requirements)
        for result in self.computed(people):
            tally.add(result.chunk, result.match, result.plans)
        data = tally.aggregates()
        return summary.agency_view(
            suppress(data, minimum),
            data.competency_names,
            has_plans=data.unit_reaching is not None,
            minimum_jp=plans.minimum_jp if plans else 0.0,
            version=self.setting().version,
            locale=self.locale,
        )


def prepare_compiled(
    result: CompileResult,
    file: Path,
    *,
    allow_personal: bool,
    purpose: str | None,
    locale: str,
    needs_policy: bool = True,
    sheet: str | None = None,
) -> Prepared:
    """Check ``file`` (its worksheet ``sheet``, for an XLSX) against the compiled standards ``result``;
    nothing is written. Raises :class:`Refused` when ``needs_policy`` and the project declares no match
    policy, or ``purpose`` is not one of its purposes."""
    match, talent = result.corpus.development.match, result.corpus.development.talent
    purposes = tuple(match.purposes) if match is not None and match.purposes else PURPOSES
    assessments = read_assessments(
        file,
        Index.of(result.corpus),
        allow_personal=allow_personal,
        purposes=purposes,
        sheet=sheet,
        scales=(talent.performance_scale, talent.potential_scale) if talent is not None else None,
    )
    prepared = Prepared(result, assessments, list(result.diagnostics), locale, purpose)
    exposed = exposure(file, assessments.name)
    if exposed is not None:  # read or not, the file is within reach of a commit: the first of its problems
        prepared.diagnostics.append(exposed)
    if prepared.assessments_checked:
        if needs_policy or purpose is not None:
            _policy_present(result.corpus, purpose)
        prepared.diagnostics += assessments.check()
    return prepared


def _policy_present(corpus: Corpus, purpose: str | None) -> None:
    match = corpus.development.match
    if match is None:
        raise Refused(
            Message(
                "Proyek standar belum menyatakan kebijakan kecocokan (bagian kecocokan di folder "
                "pengembangan/); tanpa rumus, kesenjangan dan kecocokan tidak dapat dihitung.",
                "The standards project declares no match policy (the kecocokan section in the "
                "pengembangan/ folder); without a formula, gaps and match cannot be computed.",
            )
        )
    if purpose is not None and purpose not in match.purposes:
        known = ", ".join(sorted(match.purposes))
        raise Refused(
            Message(
                f"Tujuan '{purpose}' tidak dikenal kebijakan kecocokan; pilih salah satu: {known}.",
                f"The match policy knows no purpose '{purpose}'; choose one of: {known}.",
            )
        )
