namespace CiAdapter.Restore;

/// <summary>The start-up restore could not complete in its time; the silo must not start consuming.</summary>
public sealed class RestoreFailedException(string message, Exception? inner = null) : Exception(message, inner);
