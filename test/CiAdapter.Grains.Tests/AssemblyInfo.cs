// Each test class runs its own Orleans cluster and simulators; on two cores, running them one at a
// time keeps the periods the tests wait on (about a second) honest.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
