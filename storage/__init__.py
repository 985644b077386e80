"""Object storage access (MinIO client, any S3 API), local directories, and the local S3 server."""
