// Command render turns the deployment sources into what a cluster or Docker would run, without either:
//
//	render KUSTOMIZATION_DIR
//	    prints the resources, as `kustomize build DIR` does (sigs.k8s.io/kustomize/api)
//	render -compose FILE [-env-file FILE] [-profile NAME]...
//	    loads a compose file as `docker compose config` does (compose-go: schema, interpolation, merge keys,
//	    normalisation) and prints the resulting project as JSON
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/compose-spec/compose-go/v2/cli"
	"sigs.k8s.io/kustomize/api/krusty"
	"sigs.k8s.io/kustomize/kyaml/filesys"
)

type names []string

func (n *names) String() string     { return strings.Join(*n, ",") }
func (n *names) Set(v string) error { *n = append(*n, v); return nil }

func main() {
	compose := flag.String("compose", "", "a compose file to load instead of a kustomization")
	var envFiles, profiles names
	flag.Var(&envFiles, "env-file", "an env file for the compose file's interpolation (repeatable)")
	flag.Var(&profiles, "profile", "a compose profile to enable (repeatable)")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: render KUSTOMIZATION_DIR | render -compose FILE [-env-file FILE] [-profile NAME]...")
	}
	flag.Parse()

	var out []byte
	var err error
	switch {
	case *compose != "" && flag.NArg() == 0:
		out, err = loadCompose(*compose, envFiles, profiles)
	case *compose == "" && flag.NArg() == 1:
		out, err = buildKustomization(flag.Arg(0))
	default:
		flag.Usage()
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "render: %v\n", err)
		os.Exit(1)
	}
	if _, err := os.Stdout.Write(out); err != nil {
		fmt.Fprintf(os.Stderr, "render: %v\n", err)
		os.Exit(1)
	}
}

func buildKustomization(dir string) ([]byte, error) {
	resources, err := krusty.MakeKustomizer(krusty.MakeDefaultOptions()).Run(filesys.MakeFsOnDisk(), dir)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	return resources.AsYaml()
}

func loadCompose(file string, envFiles, profiles []string) ([]byte, error) {
	// The options `docker compose --env-file ... --profile ... config` applies, in the same order. The process
	// environment is deliberately left out so the result depends on the env files alone.
	options, err := cli.NewProjectOptions([]string{file},
		cli.WithEnvFiles(envFiles...),
		cli.WithDotEnv,
		cli.WithProfiles(profiles),
	)
	if err != nil {
		return nil, err
	}
	project, err := options.LoadProject(context.Background())
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return project.MarshalJSON()
}
