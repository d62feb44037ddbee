using CiAdapter.Models;

namespace CiAdapter.Backend;

/// <summary>The backend's view of every model, read at start-up; entries it could not read are listed with the reason.</summary>
public sealed record BackendModelState(
    IReadOnlyList<ModelSnapshot> Models,
    IReadOnlyList<(string ModelId, string Problem)> Rejected);
