// The service tests start whole services (in process and as processes) with their own Orleans
// silos and simulators; on two cores they run one at a time so their periods stay honest.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
