"""The domain and its services: records, storage, settings, command line. Never Qt."""
