using CiAdapter.Models;

namespace CiAdapter.Backend;

/// <summary>One model's status as reported to the backend.</summary>
public readonly record struct ModelStatusReport(string ModelId, ModelStatus Status);
