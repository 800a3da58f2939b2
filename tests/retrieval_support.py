"""Shared by the retrieval tests: the question table, a tiny offline embedding model, a real Chroma server.

Module-level caches make each expensive thing (default-model index, tiny model) happen once per pytest
session even when several test files ask for it.
"""

from __future__ import annotations

import contextlib
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from components import missing

# Visitors' questions (not the ones synonyms.toml was tuned on) → the clause that must come first.
FIRST_CLAUSE = [
    pytest.param("公司的发明专利去年下证了，市里给报一半官费吗", "1", id="domestic invention grant"),
    pytest.param("日本授权的发明专利能申请资助吗", "2", id="foreign grant"),
    pytest.param("我们跟大学一起建专利培育中心，有钱支持吗", "3", id="patent cultivation centre"),
    pytest.param("麻竹笋申请了地理标志产品保护，批了奖多少", "4", id="geographical indication"),
    pytest.param("马德里商标指定了30个国家，能奖多少", "4", id="madrid trademark"),
    pytest.param("摄影作品登记证书一张补多少钱", "5", id="copyright registration"),
    pytest.param("专利技术转化实施项目的扶持上限", "6", id="patent industrialisation"),
    pytest.param("从深圳一家公司受让了专利，合同80万", "7", id="patent transfer"),
    pytest.param("银行质押贷款的贴息怎么算", "8", id="pledge loan interest"),
    pytest.param("专利保险的保费补贴一年封顶多少", "8", id="patent insurance"),
    pytest.param("把发明专利转成行业标准奖励多少", "9", id="industry standard"),
    pytest.param("企业做专利导航有什么支持", "10", id="patent navigation"),
    pytest.param("通过知识产权贯标认证的企业能拿多少", "11", id="management standard"),
    pytest.param("举报侵权假冒有没有奖金", "12", id="report counterfeits"),
    pytest.param("专利侵权官司一审打赢了给多少", "13", id="won lawsuit"),
    pytest.param("刚成立的专利代理事务所能领多少补贴", "14", id="new patent agency"),
    pytest.param("小微企业能不能找服务平台免费咨询知识产权", "15", id="public service"),
    pytest.param("区里申报国家知识产权试点园区给多少经费", "16", id="pilot county"),
    pytest.param("产业园区年度绩效突出能拿多少工作经费", "17", id="industrial park"),
    pytest.param("通过专利代理师考试后报名费全报吗", "18", id="agent exam fee"),
    pytest.param("小学被评为省级知识产权教育示范学校奖多少", "19", id="school model"),
    pytest.param("这个政策2024年还能申请吗", "closing", id="validity"),
    pytest.param("条款里的不超过包含本数吗", "closing", id="inclusive bounds"),
    pytest.param("这份文件是清远市政府办公室什么时候印发的", "notice", id="issuer"),
]

_cache: dict[str, object] = {}


def tiny_model(root: Path) -> Path:
    """A randomly initialised 1-layer BERT sentence-transformers model (32 dims) saved under `root`.

    Its WordPiece vocabulary is the policy's characters, so it tokenises Chinese without [UNK] and
    loads offline: the proof that ASSISTANT_EMBEDDING_MODEL takes any local model.
    """
    if "tiny" not in _cache:
        from sentence_transformers import SentenceTransformer
        from sentence_transformers.sentence_transformer.modules import Pooling, Transformer

        hf, out = _tiny_bert(root / "tiny-bert"), root / "tiny-st"
        word = Transformer(str(hf), max_seq_length=256)
        pooling = Pooling(word.get_embedding_dimension(), pooling_mode="mean")
        SentenceTransformer(modules=[word, pooling], device="cpu").save(str(out))
        _cache["tiny"] = out
    return _cache["tiny"]  # type: ignore[return-value]


def _tiny_bert(hf: Path) -> Path:
    """A transformers BERT with tiny dims and a vocab.txt of the policy's characters."""
    import torch
    from transformers import BertConfig, BertModel, BertTokenizer

    from corpus import load_policy

    hf.mkdir(parents=True, exist_ok=True)
    chars = sorted({ch for c in load_policy().clauses for ch in c.text if not ch.isspace()})
    (hf / "vocab.txt").write_text(
        "\n".join(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *chars]) + "\n", "utf-8"
    )
    torch.manual_seed(0)
    config = BertConfig(
        vocab_size=len(chars) + 5,
        hidden_size=32,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=64,
    )
    BertModel(config).save_pretrained(hf)
    BertTokenizer(vocab_file=str(hf / "vocab.txt")).save_pretrained(hf)
    return hf


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def chroma_binary() -> str | None:
    beside_python = Path(sys.executable).with_name("chroma")
    return str(beside_python) if beside_python.exists() else shutil.which("chroma")


@contextlib.contextmanager
def chroma_server(path: Path) -> Iterator[int]:
    """`chroma run` on 127.0.0.1 and a free port; yields the port; always stopped afterwards."""
    binary = chroma_binary()
    if binary is None:
        missing("the chroma command", "chromadb installs it beside the venv's python")
    port = free_port()
    log = (path / "server.log").open("wb")
    cmd = [binary, "run", "--host", "127.0.0.1", "--port", str(port), "--path", str(path / "db")]
    server = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)
    try:
        _wait_for_heartbeat(port, server)
        yield port
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def _wait_for_heartbeat(port: int, server: subprocess.Popen, timeout_s: float = 30.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"chroma run exited with {server.returncode}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1.0).status_code == 200:
                return
        time.sleep(0.1)
    raise RuntimeError(f"chroma run did not answer on port {port} within {timeout_s} s")
