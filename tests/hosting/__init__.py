"""Hosting as a company runs it: the start script, nginx in front under a base path, replicas, the Dockerfile."""
