# ScaleLab's image: the app on Python 3.11 with the CPU build of torch, started by scripts/serve like the tests
# start it. Not built on the project's own machines (no Docker there): tests/hosting/test_dockerfile.py checks that
# its lines call the scripts the tests run and pin what requirements.txt pins. docs/hosting.md: how to run it.
FROM python:3.11-slim

WORKDIR /app
ENV PYTHONUNBUFFERED=1 SCALELAB_DATA_DIR=/data SCALELAB_PORT=8501 SCALELAB_ADDRESS=0.0.0.0

# torch from PyTorch's CPU-only index first (no CUDA: several GB smaller), then the rest at the pinned versions.
COPY requirements.txt .
RUN pip install --no-cache-dir --index-url https://download.pytorch.org/whl/cpu torch==2.13.0 \
 && pip install --no-cache-dir -r requirements.txt

COPY . .
RUN useradd --create-home scalelab && mkdir -p /data && chown scalelab /data \
 && SCALELAB_DATA_DIR=/tmp/check python scripts/serve --print
USER scalelab
VOLUME /data
EXPOSE 8501

HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 CMD ["python", "scripts/health"]
CMD ["python", "scripts/serve"]
